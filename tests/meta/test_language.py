"""Language identification: the float32 weights classify exactly as py3langid's own."""

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from frontwatch.meta.language import _identifier


@pytest.mark.parametrize("text", [
    "Russian forces withdrew from Lyman after the town was encircled.",
    "Российские войска покинули Лиман после окружения города.",
    "Українські сили звільнили Херсон.",
    "Les forces russes ont quitté Kherson.",
    "HIMARS",
    "1234 5678",
    "",
])
def test_language_scores_are_the_library_scores(text):
    library = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert _identifier()._decide(text).tobytes() == library._decide(text).tobytes()
    assert _identifier().classify(text) == library.classify(text)
