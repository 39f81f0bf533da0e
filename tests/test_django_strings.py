"""Django 6.1's new strings that its Indonesian catalogue lacks come from ours."""

from django import forms
from django.utils import translation

from projects.models import Milestone


def test_an_empty_choice_says_pilih_salah_satu_in_indonesian():
    class HorizonForm(forms.ModelForm):
        class Meta:
            model = Milestone
            fields = ["horizon"]

    with translation.override("id"):
        html = str(HorizonForm()["horizon"])

    assert "- Pilih salah satu -" in html
    assert "Select an option" not in html
