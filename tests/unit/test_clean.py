from stance.text import layout

PAGE = """Minister Rejects Fishing Quota Plan
Photo of the harbour at dawn
14:05 GMT, March 3, 2025
By Ana Ruiz
WELLINGTON, March 3 (Wire) - The minister said the plan was unfair.
The talks resume on Monday.
Related Articles
-
Fishing Fleet Returns Early
Quota Talks Collapse Again
Share this article
We use cookies to improve your experience.
"""


def kinds(text):
    return [(b.kind, text[b.start:b.end]) for b in layout(text)]


def test_page_furniture_is_recognised():
    k = kinds(PAGE)
    assert k[0] == ("headline", "Minister Rejects Fishing Quota Plan")
    assert k[1] == ("caption", "Photo of the harbour at dawn")
    assert k[2][0] == "dateline"
    assert k[3] == ("byline", "By Ana Ruiz")
    assert k[4] == ("dateline", "WELLINGTON, March 3 (Wire) -")
    assert k[5] == ("body", "The minister said the plan was unfair.")
    assert k[6] == ("body", "The talks resume on Monday.")
    assert [kind for kind, _ in k[7:]] == ["boilerplate", "markup", "boilerplate", "boilerplate", "boilerplate",
                                         "boilerplate"]


def test_blocks_index_the_original_text():
    for b in layout(PAGE):
        assert PAGE[b.start:b.end].strip() == PAGE[b.start:b.end]
