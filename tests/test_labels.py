"""The labels: every vocabulary value and figure named in Chinese and English, and read back."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import enforcement_core
from enforcement_core import EnforcementCoreError, labels
from enforcement_core.actions import Domain, Procedure, SanctionType
from enforcement_core.errors import LabelError, UnknownLocale


def _vocabularies() -> list[type[labels.Vocabulary]]:
    found = []
    for info in pkgutil.walk_packages(enforcement_core.__path__, "enforcement_core."):
        if info.name.endswith(("plots", "dataframes", "cli", "__main__")):
            continue
        module = importlib.import_module(info.name)
        found.extend(
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, labels.Vocabulary)
            and value is not labels.Vocabulary
            and value.__module__ == info.name
        )
    return found


VOCABULARIES = _vocabularies()


class TestLabels:
    def test_the_model_has_its_vocabularies(self):
        """Every closed vocabulary of the documents is a Vocabulary (so it has labels)."""
        names = {vocabulary.__name__ for vocabulary in VOCABULARIES}
        assert {"ActionKind", "Domain", "SanctionType", "BodyLevel", "RateName"} <= names
        assert len(VOCABULARIES) >= 15

    @pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
    def test_every_value_has_both_labels(self, vocabulary):
        """Each value has a Chinese and an English label, distinct within its vocabulary."""
        for locale in labels.LOCALES:
            written = [member.label(locale) for member in vocabulary]
            assert all(written)
            assert len(set(written)) == len(written), f"{vocabulary.__name__} repeats a label"

    @pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
    def test_every_label_reads_back(self, vocabulary):
        """from_label reads the Chinese label, the English label and the value of each value."""
        for member in vocabulary:
            for written in (member.label(), member.label("en"), member.value):
                assert member is vocabulary.from_label(written)

    def test_a_label_is_looked_up_by_its_vocabulary(self):
        """Equal values of two vocabularies keep their own labels."""
        assert ("消防", "消防安全") == (
            labels.label(Domain.FIRE_SAFETY),
            labels.label(enforcement_core.actions.InspectionArea.FIRE_SAFETY),
        )

    def test_variants_and_spelling(self):
        """Common variants, full-width letters, spaces and case are read."""
        assert Domain.TRAFFIC is Domain.from_label("交通运输")
        assert Procedure.ORDINARY is Procedure.from_label("一般程序")
        assert enforcement_core.body.BodyLevel.TOWN is enforcement_core.body.BodyLevel.from_label(
            " 镇 "
        )
        assert Domain.WORK_SAFETY is Domain.from_label("ＷＯＲＫ ＳＡＦＥＴＹ")
        assert SanctionType.WARNING is SanctionType.from_label("警告")

    def test_an_unknown_label_lists_the_labels_and_suggests(self):
        """An unknown label is a LabelError (a ValueError) naming the nearest and the labels."""
        with pytest.raises(LabelError) as info:
            Procedure.from_label("快速程序")
        message = str(info.value)
        assert "'快速程序' is not a Procedure label" in message
        assert "简易程序, 普通程序" in message
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, EnforcementCoreError)

    def test_unknown_locale(self):
        """A locale labels are not written in is refused, as a ValueError."""
        with pytest.raises(UnknownLocale, match="unknown locale 'fr'"):
            labels.term("cases", "fr")
        with pytest.raises(ValueError, match="unknown locale 'fr'"):
            labels.label(Domain.TRAFFIC, "fr")

    def test_labels_of(self):
        """labels_of lists a vocabulary's labels in its order."""
        assert list(Procedure) == list(labels.labels_of(Procedure))
        assert "simple procedure" == labels.labels_of(Procedure, "en")["simple"]
