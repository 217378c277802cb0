"""Pure normalisation of addresses and queries (layers/search/normalize.py): no database, milliseconds."""

import pytest

from layers.search.normalize import (
    cadastral_number,
    core,
    house_key,
    normalize,
    parse_query,
    street_key,
    tsquery_text,
)


@pytest.mark.parametrize("spelling", ["ленина 12", "Ленина, д.12", "ул. Ленина, дом 12", "ЛЕНИНА  д 12"])
def test_the_spellings_of_lenina_12_have_the_same_street_core_and_house(spelling):
    query = parse_query(spelling)

    assert query.words_core == "ленина"
    assert query.house == "12"


def test_street_type_abbreviations_are_expanded_and_dropped_by_core():
    assert normalize("ул. Ленина") == normalize("улица Ленина") == "улица ленина"
    assert normalize("пер. Комарова") == "переулок комарова"
    assert normalize("пр-т Мира") == normalize("просп. Мира") == normalize("пр. Мира") == "проспект мира"
    assert normalize("пр-д Строителей") == "проезд строителей"
    assert normalize("б-р Победы") == "бульвар победы"
    assert normalize("ш. Энтузиастов") == "шоссе энтузиастов"
    assert core("переулок комарова") == core("улица комарова") == "комарова"


def test_lower_case_yo_and_punctuation():
    assert normalize("Весёлая улица") == "веселая улица"
    assert normalize("«Школа № 3»!") == "школа 3"


def test_house_letter_is_split_and_building_parts_are_shortened():
    assert house_key("12А") == house_key("12 а") == house_key("д. 12-а") == "12 а"
    assert house_key("9 / 1") == house_key("9/1") == "9/1"
    assert house_key("62 корп. 1") == house_key("62к1") == house_key("62 к 1") == "62 к 1"
    assert house_key("5 стр. 2") == "5 с 2"


def test_a_flat_and_the_town_are_dropped():
    assert normalize("г. Крымск, ул. Ленина, д. 12, кв. 5") == "крымск улица ленина 12"


def test_house_letter_d_is_not_taken_for_a_house_designator():
    query = parse_query("Ленина ул 47Д")

    assert query.words == "ленина улица"
    assert query.house == "47 д"


def test_only_a_trailing_number_after_a_word_is_a_house():
    assert parse_query("3-й Ленинский переулок, 10А").words == "3 й ленинский переулок"
    assert parse_query("3-й Ленинский переулок, 10А").house == "10 а"
    assert parse_query("улица 3-го Интернационала").house == ""
    assert parse_query("12").house == ""
    assert parse_query("ленина 5 12").words == "ленина 5"


def test_street_key_ignores_word_order():
    assert street_key("Ленина улица") == street_key("ул. Ленина") == "ленина улица"
    assert street_key("переулок Комарова") != street_key("улица Комарова")


def test_cadastral_numbers_and_their_prefixes():
    assert cadastral_number(" 23:15:0101001:123 ") == "23:15:0101001:123"
    assert cadastral_number("23 : 15 : 0101001") == "23:15:0101001"
    assert cadastral_number("23:15:") == "23:15:"
    assert cadastral_number("ленина 12") == ""
    assert cadastral_number("2315") == ""


def test_tsquery_prefix_on_the_last_token_only_when_asked():
    assert tsquery_text("улица ленина") == "'улица' & 'ленина':*"
    assert tsquery_text("улица ленина", prefix=False) == "'улица' & 'ленина'"
    assert tsquery_text("") == ""
