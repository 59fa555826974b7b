from bench.reference import iast_forms, known_as_iast, plain_key, restore_names

TEXTS = ["Dhṛtarāṣṭra said to Sañjaya", "the sons of Dhṛtarāṣṭra and Kuntī", "O Bhārata"]


def test_plain_and_iast_spellings_share_a_key() -> None:
    assert plain_key("Dhritarashtra") == plain_key("Dhṛtarāṣṭra")


def test_a_plain_name_takes_the_iast_form_used_elsewhere() -> None:
    forms = iast_forms(TEXTS)
    assert restore_names("the son of Dhritarashtra and Kunti's army", forms) == (
        "the son of Dhṛtarāṣṭra and Kuntī's army"
    )


def test_english_words_and_rightly_plain_names_are_left_alone() -> None:
    forms = iast_forms(TEXTS)
    assert known_as_iast("Bharata", forms) is None  # a different name from Bhārata
    assert known_as_iast("the", forms) is None
    assert restore_names("the sons said", forms) == "the sons said"
