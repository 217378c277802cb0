"""Pure normalisation of Russian addresses and search queries (no Django, no database).

The gazetteer stores, and a query is turned into, the same normal form, so that «ленина 12»,
«Ленина, д.12» and «ул. Ленина, дом 12» compare equal after `normalize`:

- lower case, ё → е; punctuation and «№» become spaces;
- street-type abbreviations are expanded (ул. → улица, пер. → переулок, пр-т → проспект …);
- house designators are dropped before a number (д. 12, дом 12 → 12), корпус and строение are shortened
  (корп. 1 → к 1, стр. 2 → с 2), a flat or office and its number are dropped (кв. 5);
- a house-number letter is split from its number (12а → 12 а), a slash binds its parts (9 / 1 → 9/1).

`core` drops the street-type words, for trigram comparison of the name alone; `street_key` is an
order-free key of a street (word order varies between sources: «Ленина улица» / «улица Ленина»).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

# Multi-character abbreviations with inner punctuation, replaced on the raw lower-cased text.
_PHRASES = (
    (re.compile(r"\bпр(?:-?кт|-т)\b\.?"), " проспект "),
    (re.compile(r"\bпр-д\b\.?"), " проезд "),
    (re.compile(r"\bб-р\b\.?"), " бульвар "),
    (re.compile(r"\bмкр-н\b\.?"), " микрорайон "),
    (re.compile(r"\bш\."), " шоссе "),
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+|/")

ABBREVIATIONS = {
    "ул": "улица",
    "пер": "переулок",
    "пр": "проспект",
    "просп": "проспект",
    "пл": "площадь",
    "туп": "тупик",
    "бул": "бульвар",
    "бульв": "бульвар",
    "наб": "набережная",
    "мкр": "микрорайон",
    "мкрн": "микрорайон",
}
STREET_TYPES = frozenset(
    {
        "улица",
        "переулок",
        "проспект",
        "проезд",
        "шоссе",
        "площадь",
        "бульвар",
        "тупик",
        "набережная",
        "микрорайон",
        "аллея",
    }
)
# Before a number: dropped (house), shortened (building parts), or dropped with the number (flats).
_HOUSE_WORDS = frozenset({"д", "дом"})
_PART_WORDS = {"к": "к", "корп": "к", "корпус": "к", "стр": "с", "строение": "с"}
_FLAT_WORDS = frozenset({"кв", "квартира", "оф", "офис", "пом", "помещение"})
# Before a word: the town prefix («г. Крымск»).
_TOWN_WORDS = frozenset({"г", "гор", "город"})

_LETTER = r"[^\W\d_]"
HOUSE_PATTERN = rf"\d+(?: {_LETTER})?(?:/\d+(?: {_LETTER})?)?(?: к \d+)?(?: с \d+)?"
_QUERY = re.compile(rf"(?P<words>.*?{_LETTER}.*?) (?P<house>{HOUSE_PATTERN})")
_CADASTRAL = re.compile(r"\d{1,2}\s*:\s*\d{1,2}(?:\s*:\s*\d*)*\s*:?")


def tokens(text: str) -> list[str]:
    """The normalised tokens of `text`: words, numbers and "/" (see the module docstring)."""
    text = text.lower().replace("ё", "е")
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    raw = _TOKEN.findall(text)
    out: list[str] = []
    skip = 0
    for i, token in enumerate(raw):
        if skip:
            skip -= 1
            continue
        following = raw[i + 1] if i + 1 < len(raw) else ""
        if following.isdigit():
            if token in _FLAT_WORDS:
                skip = 1
                continue
            if token in _HOUSE_WORDS:
                continue
            if token in _PART_WORDS:
                out.append(_PART_WORDS[token])
                continue
        elif token in _TOWN_WORDS and following and following != "/":
            continue
        out.append(ABBREVIATIONS.get(token, token))
    return out


def join(parts: list[str]) -> str:
    """Tokens as one string: single spaces, "/" attached to both neighbours (9/1)."""
    return " ".join(parts).replace(" / ", "/").replace(" /", "/").replace("/ ", "/").strip("/ ")


@lru_cache(maxsize=16_384)
def normalize(text: str) -> str:
    """The normal form of `text`: «ул. Ленина, д.12А» → "улица ленина 12 а". Cached: a town has a few
    hundred street names, repeated over thousands of addresses."""
    return join(tokens(text))


def core(normalized: str) -> str:
    """`normalized` without street-type words: "улица ленина 12 а" → "ленина 12 а"."""
    return " ".join(t for t in normalized.split() if t not in STREET_TYPES)


def street_key(street: str) -> str:
    """An order-free key of a street name: «Ленина улица» and «ул. Ленина» → "ленина улица"."""
    return " ".join(sorted(normalize(street).split()))


def house_key(housenumber: str) -> str:
    """The normal form of a house number: «12А» → "12 а", «д. 9 / 1» → "9/1", «62 корп. 1» → "62 к 1"."""
    return normalize(housenumber)


def cadastral_number(text: str) -> str:
    """A cadastral number (or its start) without spaces — «23:15:0101001:123» — or "" when `text` is not
    one (digits separated by colons, at least one colon)."""
    stripped = text.strip()
    if not _CADASTRAL.fullmatch(stripped):
        return ""
    return re.sub(r"\s+", "", stripped)


def tsquery_text(normalized: str, *, prefix: bool = True) -> str:
    """A to_tsquery() argument matching every token of `normalized`; with `prefix` the last token matches
    as a prefix (type-ahead: the user is still typing it).

    Tokens are quoted; normalised tokens hold only letters, digits and "/", so no quote can occur.
    Returns "" for an empty string.
    """
    parts = [f"'{t}'" for t in normalized.split()]
    if not parts:
        return ""
    if prefix:
        parts[-1] += ":*"
    return " & ".join(parts)


@dataclass(frozen=True)
class ParsedQuery:
    """A search query taken apart. `words` is the text before a trailing house number (the street part),
    `house` that house number in its normal form ("" when none), `cadastral` a cadastral number ("")."""

    text: str
    words: str
    house: str
    cadastral: str

    @property
    def text_core(self) -> str:
        return core(self.text)

    @property
    def words_core(self) -> str:
        return core(self.words)


def parse_query(query: str) -> ParsedQuery:
    """Normalise a query and split off a trailing house number: «ул. Ленина, д.12а» → words "улица ленина",
    house "12 а". A number is a house only after a word («12» alone, «3-й …» are text)."""
    cadastral = cadastral_number(query)
    text = normalize(query)
    match = _QUERY.fullmatch(text)
    if match is None:
        return ParsedQuery(text=text, words=text, house="", cadastral=cadastral)
    return ParsedQuery(text=text, words=match["words"], house=match["house"], cadastral=cadastral)


def split_address(address: str) -> tuple[str, str]:
    """(street, house number) in normal form from a one-line address «ул. Ленина, 12»; house "" when none."""
    parsed = parse_query(address)
    return parsed.words, parsed.house
