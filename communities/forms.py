"""Forms of the communities app: they validate and normalise, nothing more."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, InterestsField, OneLineCharField
from postcodes.forms import PostcodeField
from postcodes.models import District

from .models import (
    MAX_TARGET,
    AreaType,
    Commitment,
    CommitmentArea,
    CommitmentStatus,
    GroupClaim,
    GroupKind,
    Role,
)
from .services import progress_is_implausible

RADIUS_CHOICES = [
    (1.0, _("1 km: a few streets or an estate")),
    (3.0, _("3 km: a neighbourhood, village or small town")),
    (8.0, _("8 km: a town")),
    (15.0, _("15 km: a city")),
    (40.0, _("40 km: a county or region")),
    (80.0, _("80 km: a large region")),
]
KM_CHOICES = [
    (1, _("1 km")),
    (2, _("2 km")),
    (5, _("5 km")),
    (10, _("10 km")),
    (25, _("25 km")),
    (50, _("50 km")),
]
MAX_DISTRICTS = 40
_DISTRICT_SPLIT = re.compile(r"[\s,;]+")


class GroupForm(HoneypotMixin, forms.Form):
    """A group's details and area. ``cleaned_data`` gets ``location`` and ``districts``."""

    name = OneLineCharField(max_length=200, label=_("Name of the group"))
    kind = forms.ChoiceField(label=_("What kind of group is it?"), choices=GroupKind.choices)
    description = forms.CharField(
        label=_("What the group does"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        required=False,
    )
    tags = InterestsField(
        label=_("Interests"),
        required=False,
        help_text=_(
            "Separated by commas, like “food, gardening, repair”. They help people find you."
        ),
    )
    area_type = forms.ChoiceField(
        label=_("Where is the group?"),
        choices=AreaType.choices,
        widget=forms.RadioSelect,
        initial=AreaType.PLACE,
    )
    postcode = PostcodeField(
        label=_("Postcode at the centre of your area"),
        required=False,
        help_text=_("For a group with a place: a full postcode, or its first half (like M4)."),
    )
    radius_km = forms.TypedChoiceField(
        label=_("How far around it"), choices=RADIUS_CHOICES, coerce=float, initial=3.0
    )
    place_name = OneLineCharField(
        label=_("The place in words"),
        max_length=120,
        required=False,
        help_text=_("Optional, like “Ancoats” or “the Ormeau Road”."),
    )
    districts = forms.CharField(
        label=_("Postcode districts"),
        max_length=400,
        required=False,
        help_text=_("For a group covering postcode districts: like “M4, M40, M9”."),
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=300, assume_scheme="https"
    )

    def __init__(self, *args, group=None, **kwargs):
        if group is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": group.name,
                "kind": group.kind,
                "description": group.description,
                "tags": list(group.tags.all()),
                "area_type": group.area_type,
                "postcode": group.postcode,
                "radius_km": group.radius_km or 3.0,
                "place_name": group.place_name,
                "districts": ", ".join(group.district_codes()),
                "website": group.website,
            }
        super().__init__(*args, **kwargs)
        # Keep a radius staff set in the admin that is not one of the usual choices.
        radius = self.initial.get("radius_km")
        if radius and radius not in dict(RADIUS_CHOICES):
            self.fields["radius_km"].choices = [(radius, f"{radius:g} km"), *RADIUS_CHOICES]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the group a name."))
        return name

    def clean_districts(self):
        text = self.cleaned_data["districts"].upper()
        codes = list(dict.fromkeys(c for c in _DISTRICT_SPLIT.split(text) if c))
        if len(codes) > MAX_DISTRICTS:
            raise forms.ValidationError(
                _(
                    "That is %(len)s districts: at most %(MAX_DISTRICTS)s. For a bigger area, "
                    "choose a postcode and a radius instead."
                )
                % {"len": len(codes), "MAX_DISTRICTS": MAX_DISTRICTS}
            )
        found = {d.outcode: d for d in District.objects.filter(outcode__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                "We can't find "
                + ", ".join(unknown)
                + ": write postcode districts like M4 or EH6, separated by commas."
            )
        return [found[c] for c in codes]

    def clean(self):
        data = super().clean()
        area_type = data.get("area_type")
        if area_type == AreaType.PLACE and not data.get("postcode") and "postcode" in data:
            self.add_error(
                "postcode",
                "Enter the postcode at the centre of your area, or choose “postcode districts” "
                "or “a community of interest”.",
            )
        if area_type == AreaType.DISTRICTS and not data.get("districts") and "districts" in data:
            self.add_error("districts", "Enter at least one postcode district, like M4.")
        if area_type == AreaType.INTEREST and not data.get("tags") and "tags" in data:
            self.add_error(
                "tags",
                "A community of interest has no place, so it needs at least one interest for "
                "people to find it by.",
            )
        data["location"] = data.get("postcode")
        return data

    def service_kwargs(self) -> dict:
        """The cleaned data as the keyword arguments of ``group_create``/``group_update``."""
        d = self.cleaned_data
        return {
            "name": d["name"],
            "kind": d["kind"],
            "description": d["description"],
            "tags": d["tags"],
            "area_type": d["area_type"],
            "location": d["location"],
            "radius_km": d["radius_km"],
            "districts": d["districts"],
            "place_name": d["place_name"],
            "website": d["website"],
        }


class CommitmentForm(HoneypotMixin, forms.ModelForm):
    target = forms.IntegerField(
        label=_("Target"),
        help_text=_("The number you are aiming for, like 4."),
        error_messages={
            "min_value": _(
                "The target must be 1 or more: how many will you count by the due date?"
            ),
            "max_value": _("That target is too large: at most %(limit_value)s."),
            "invalid": _("Enter the target as a whole number, like 4."),
        },
        min_value=1,
        max_value=MAX_TARGET,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Commitment
        fields = ["area", "what", "target", "unit", "due_date", "how"]
        field_classes = {"what": OneLineCharField, "unit": OneLineCharField}
        widgets = {
            "area": forms.RadioSelect,
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "how": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"area": _("Which kind of commitment?")}
        help_texts = {"due_date": _("When you will have reached the target.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = CommitmentArea.choices
        self.fields["due_date"].error_messages["invalid"] = "Enter a date, like 31/12/2026."

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        today = timezone.localdate()
        if due < today:
            raise forms.ValidationError(
                _("The due date is in the past: choose today or a later date.")
            )
        if due > today + datetime.timedelta(days=366 * 5):
            raise forms.ValidationError(
                _("That is more than five years away: choose a nearer date you can measure.")
            )
        return due


class ProgressForm(HoneypotMixin, forms.Form):
    number = forms.IntegerField(
        label=_("How many since your last update?"),
        min_value=0,
        max_value=MAX_TARGET,
        error_messages={
            "min_value": _("The number cannot be negative."),
            "max_value": _("That number is too large."),
            "invalid": _("Enter a whole number, like 2."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    story = forms.CharField(
        label=_("The story"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: what happened, who took part, what you learnt."),
    )
    confirm_large = forms.BooleanField(
        label=_("Yes, this number is right"), required=False, widget=forms.CheckboxInput
    )

    def __init__(self, *args, commitment: Commitment, **kwargs):
        self.commitment = commitment
        self.needs_confirmation = False
        super().__init__(*args, **kwargs)
        self.fields[
            "number"
        ].help_text = (
            f"In {commitment.unit}. So far: {commitment.progress_total} of {commitment.target}."
        )

    def clean(self):
        data = super().clean()
        number = data.get("number")
        if number is not None and progress_is_implausible(
            commitment=self.commitment, number=number
        ):
            self.needs_confirmation = True
            if not data.get("confirm_large"):
                self.add_error(
                    "number",
                    f"{number} {self.commitment.unit} is more than we expected for a target of "
                    f"{self.commitment.target}. Check it, then tick “Yes, this number is right” "
                    "to post it.",
                )
        return data


class RegisterForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("We will check in once a year to review our commitments and add new ones"),
        error_messages={"required": _("Tick the box to agree to the yearly check-in.")},
    )


class ReviewForm(forms.ModelForm):
    """One commitment in the yearly review: carry on (with a due date), achieved or dropped."""

    class Meta:
        model = Commitment
        fields = ["status", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"status": _("Status"), "due_date": _("Due by")}

    def clean(self):
        data = super().clean()
        due = data.get("due_date")
        if data.get("status") == CommitmentStatus.ACTIVE and due and due < timezone.localdate():
            self.add_error(
                "due_date",
                "This commitment is still under way: give it a due date today or later, "
                "or mark it achieved or dropped.",
            )
        return data


ReviewFormSet = forms.modelformset_factory(Commitment, form=ReviewForm, extra=0)


class ClaimForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = GroupClaim
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class GroupSpacesForm(forms.Form):
    spaces = forms.TypedMultipleChoiceField(
        label=_("Community spaces where the group meets"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, spaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spaces"].choices = [
            (s.pk, f"{s.name} ({s.distance_km:.1f} km)" if hasattr(s, "distance_km") else s.name)
            for s in spaces
        ]


class MessageForm(HoneypotMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say who you are and what you would like help with. Your email address is "
            "not shared: replies come through coopcentre."
        ),
        error_messages={
            "min_length": _("Say a little more (at least 10 characters)."),
            "required": _("Write your message."),
        },
    )
