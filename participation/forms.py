"""Forms of the participation pages: they validate and normalise, nothing else."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, OneLineCharField

from .models import AnswerStatus, NoticeSettings
from .models.posts import BODY_MAX, COMMENT_MAX


def _text(label, max_length, rows=8, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Write something first: this can't be empty."),
            "max_length": _(
                "Please keep it under %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
        **kwargs,
    )


class PostForm(HoneypotMixin, forms.Form):
    title = OneLineCharField(label=_("Title"), max_length=200)
    body = _text(_("Your piece"), BODY_MAX, rows=14)


class CommentForm(HoneypotMixin, forms.Form):
    body = _text(_("Your comment"), COMMENT_MAX, rows=4)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(HoneypotMixin, forms.Form):
    reason = OneLineCharField(label=_("Why?"), max_length=500)


class ProposalForm(HoneypotMixin, forms.Form):
    title = OneLineCharField(label=_("Your idea in one line"), max_length=200)
    body = _text(_("What should the strategy do, and why?"), 5_000)


class AnswerForm(HoneypotMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Official answer"), choices=AnswerStatus.choices, widget=forms.RadioSelect
    )
    reason = _text(_("The reason"), 5_000, rows=5)


class NoticeSettingsForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = NoticeSettings
        fields = ["delivery", "comments", "answers", "phases"]
        widgets = {"delivery": forms.RadioSelect}
