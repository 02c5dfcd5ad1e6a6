from rag.text.counts import counted


def test_one_is_singular_and_every_other_count_plural():
    assert counted(1, "passage") == "1 passage"
    assert counted(0, "passage") == "0 passages"
    assert counted(2, "document") == "2 documents"
    assert counted(12000, "passage") == "12,000 passages"
    assert counted(3, "analysis", "analyses") == "3 analyses"
