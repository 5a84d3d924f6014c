"""Forms of the matching app: they validate and normalise, and never send or queue."""

import re
import uuid

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, ModelMultipleChoiceField
from postcodes.forms import PostcodeField

from .models import (
    MAX_TRAVEL_KM,
    NOTE_MAX_LENGTH,
    Availability,
    HelpKind,
    MatchReport,
    SkillTopic,
)
from .wording import ANY_TIME

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{6,18}[0-9]$")


def _distance_field(label: str, help_text: str, initial: int) -> forms.IntegerField:
    message = f"Enter a distance between 1 and {MAX_TRAVEL_KM} km, in whole kilometres."
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        initial=initial,
        min_value=1,
        max_value=MAX_TRAVEL_KM,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class CategoryChoiceField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class HelpRequestForm(HoneypotMixin, forms.Form):
    """Shared by the need and offer forms; subclasses name the distance field."""

    kinds = CategoryChoiceField(queryset=HelpKind.objects.none(), required=False)
    topics = CategoryChoiceField(queryset=SkillTopic.objects.none(), required=False)
    postcode = PostcodeField(
        label=_("Your postcode"),
        help_text=_("Only the district (like M14) is shown to anyone; never your full address."),
    )
    availability = forms.TypedMultipleChoiceField(
        label=_("When are you available?"),
        choices=Availability.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        # None ticked to start with: all ticked made ticking "weekends" change nothing.
        help_text=_("Tick every time that suits you."),
        error_messages={"required": _("Choose at least one time when you're available.")},
    )
    note = forms.CharField(
        label=_("A short note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
        help_text=_(
            "Shared only once you've both accepted an introduction. "
            "Please don't write your address here."
        ),
    )
    contact_phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("Shared, with your email address, only once you've both accepted."),
        error_messages={"max_length": _("Enter a phone number of up to 20 characters.")},
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    distance_field = ""
    kinds_label = ""
    topics_label = ""

    def __init__(self, *args, initial=None, **kwargs):
        initial = {"submission_token": uuid.uuid4(), **(initial or {})}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["kinds"].queryset = HelpKind.objects.active()
        self.fields["topics"].queryset = SkillTopic.objects.active()
        self.fields["kinds"].label = self.kinds_label
        self.fields["topics"].label = self.topics_label

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if len(note) > NOTE_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Keep the note to %(max)s characters or fewer (it has %(len)s). A few lines "
                    "are plenty."
                )
                % {
                    "max": number_format(NOTE_MAX_LENGTH, force_grouping=True),
                    "len": number_format(len(note), force_grouping=True),
                }
            )
        return note

    def clean_contact_phone(self):
        phone = " ".join(self.cleaned_data["contact_phone"].split())
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Enter a UK phone number, like 0161 496 0000."))
        return phone

    def clean_availability(self):
        bits = 0
        for value in self.cleaned_data["availability"]:
            bits |= value
        return bits or ANY_TIME

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("kinds"), cleaned.get("topics")
        # Only when both fields cleaned: a bad choice already has its own error.
        if None not in chosen and not any(chosen):
            self.add_error(
                "kinds", "Choose at least one kind of help or one topic, so we can match you."
            )
        return cleaned

    def service_kwargs(self) -> dict:
        """Cleaned values, named as the services take them."""
        data = self.cleaned_data
        return {
            "location": data["postcode"],
            "kinds": list(data["kinds"]),
            "topics": list(data["topics"]),
            "availability": data["availability"],
            "note": data["note"],
            "contact_phone": data["contact_phone"],
            self.distance_field: data[self.distance_field],
        }

    @classmethod
    def initial_from(cls, request) -> dict:
        return {
            "kinds": list(request.kinds.all()),
            "topics": list(request.topics.all()),
            "postcode": request.postcode,
            "availability": [v for v in Availability.values if request.availability & v],
            "note": request.note,
            "contact_phone": request.contact_phone,
            cls.distance_field: getattr(request, cls.distance_field),
        }


class ConsentMixin(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I agree that coopcentre may share my name, email address and phone number "
            "(if I gave one) with a support scheme or a person I'm matched with, once I accept "
            "the introduction."
        ),
        error_messages={
            "required": _(
                "Tick this box so we can put you in touch with help. Nothing is shared "
                "until you accept an introduction."
            )
        },
    )


class NeedForm(HelpRequestForm):
    max_distance_km = _distance_field(
        "How far away may a helper live? (km)",
        "For help in person, like shopping. Phone chats and online learning can be any distance.",
        5,
    )
    distance_field = "max_distance_km"
    kinds_label = "What do you need help with?"
    topics_label = "Is there something you'd like to learn?"
    field_order = [
        "kinds",
        "topics",
        "postcode",
        "max_distance_km",
        "availability",
        "note",
        "contact_phone",
    ]


class OfferForm(HelpRequestForm):
    travel_km = _distance_field(
        "How far can you travel? (km)",
        "For help in person. We only introduce you to people within this distance.",
        3,
    )
    distance_field = "travel_km"
    kinds_label = "What can you help with?"
    topics_label = "Is there something you could teach?"
    field_order = [
        "kinds",
        "topics",
        "postcode",
        "travel_km",
        "availability",
        "note",
        "contact_phone",
    ]


class NeedRegisterForm(ConsentMixin, NeedForm):
    field_order = [*NeedForm.field_order, "consent"]


class OfferRegisterForm(ConsentMixin, OfferForm):
    field_order = [*OfferForm.field_order, "consent"]


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("What went wrong?"),
        choices=MatchReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what went wrong.")},
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep it to 2,000 characters or fewer.")},
    )
