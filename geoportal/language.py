"""The request's language for texts the database holds in both languages (name_ru / name_en)."""

from django.utils.translation import get_language


def english() -> bool:
    """True when the active language is English (en, en-us, …); Russian otherwise, as by default."""
    return (get_language() or "ru").startswith("en")


def localized(ru: str | None, en: str | None) -> str | None:
    """The English text in English when there is one, else the Russian."""
    return en if english() and en else ru
