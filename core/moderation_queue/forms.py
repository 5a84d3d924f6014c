"""A decision posted from the queue: which item, approve or reject, and the reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import get

APPROVE = "approve"
REJECT = "reject"


class DecisionForm(forms.Form):
    kind = forms.CharField(max_length=100)
    item = forms.IntegerField(min_value=1)
    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))])
    note = forms.CharField(
        label=_("Reason (sent to the member)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = {kind.key for kind in kinds}

    def clean_kind(self):
        key = self.cleaned_data["kind"]
        if key not in self.allowed:
            raise forms.ValidationError(_("You cannot moderate that kind of item."))
        return get(key)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if data.get("decision") == REJECT:
            if kind is not None and kind.reject is None:
                self.add_error("decision", _("This kind of item can only be resolved."))
            if not data.get("note", "").strip():
                self.add_error("note", _("Give a reason: the member is emailed it."))
        return data
