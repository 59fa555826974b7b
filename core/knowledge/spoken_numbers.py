"""Numbers as they are spoken in English ("forty-seven", "a hundred and eight")."""

from __future__ import annotations

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


def words_to_int(words: str) -> int | None:
    """Value of a spoken number up to 9,999 ("forty-seven" -> 47); None if not a number."""
    cleaned = words.lower().replace("-", " ").replace(" and ", " ").split()
    if not cleaned:
        return None
    if len(cleaned) == 1 and cleaned[0].isdigit():
        return int(cleaned[0])
    total, current = 0, 0
    for word in cleaned:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "a":
            current += 1
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    return total + current
