"""Forms of the spaces app: they validate and normalise input, nothing more."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from core.forms import HoneypotMixin, OneLineCharField
from postcodes.forms import PostcodeField

from .models import WEEKDAYS, Kind, Pledge, Space, Status, ThreatReport, TransferStage
from .services.photos import PhotoError, photo_check
from .services.submissions import MEMBER_FIELDS

MAX_TAGS = 10
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhotoField(forms.FileField):
    """A photo upload, checked (type, size, pixels) with messages a person understands."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                photo_check(upload)
            except PhotoError as error:
                raise forms.ValidationError(str(error), code="photo") from error
        return upload


class SpaceForm(HoneypotMixin, forms.ModelForm):
    """A new space, or an edit to one: place, facilities, opening times, owner and contact."""

    postcode = PostcodeField(
        allow_outward=False,
        label=_("Postcode"),
        help_text=_("The full postcode of the space, like M4 6DE."),
        error_messages={"required": _("Enter the postcode of the space, like M4 6DE.")},
    )
    tags = OneLineCharField(
        label=_("Interests"),
        required=False,
        max_length=300,
        help_text=_("What happens there, separated by commas: gardening, youth club, music."),
    )
    website = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, like https://example.org.")},
    )
    photo = PhotoField(
        label=_("A photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB. We remove location data from it."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_alt = forms.CharField(
        label=_("Describe the photo"),
        required=False,
        max_length=200,
        help_text=_("For people who can't see it, like “The main hall set out for a meeting”."),
    )

    class Meta:
        model = Space
        fields = [f for f in MEMBER_FIELDS if f != "opening_hours"]
        field_classes = dict.fromkeys(
            ("name", "address", "opening_notes", "run_by", "contact_name"), OneLineCharField
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "capacity": forms.NumberInput(attrs={"min": 1, "max": 100_000}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {
            "name": _("Name of the space"),
            "kind": _("What kind of space is it?"),
            "run_by": _("Who runs it?"),
            "owner_type": _("Who owns it?"),
            "contact_name": _("Contact name"),
            "contact_email": _("Contact email"),
            "contact_phone": _("Contact phone"),
            "contact_consent": _("The contact agreed to have these details shown publicly"),
        }
        help_texts = {
            "run_by": _("The group or organisation that runs it day to day."),
            "contact_consent": _("Leave this unticked and only coopcentre staff see the contact."),
        }
        error_messages = {
            "name": {"required": _("Enter the name of the space.")},
            "kind": {"required": _("Choose what kind of space it is.")},
            "contact_email": {"invalid": _("Enter an email address like name@example.org.")},
            "capacity": {
                "invalid": _("Enter a number of people, like 60."),
                "min_value": _("Enter a number of people from 1 to 100,000."),
                "max_value": _("Enter a number of people from 1 to 100,000."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate = None
        for day, name in enumerate(WEEKDAYS):
            for edge in ("opens", "closes"):
                self.fields[f"{edge}_{day}"] = forms.TimeField(
                    label=(_("%(day)s opens") if edge == "opens" else _("%(day)s closes"))
                    % {"day": _(name)},
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    error_messages={"invalid": _("Enter a time like 09:30.")},
                )
        space = self.instance
        if not space.pk:
            # A new listing states its kind rather than silently becoming "Other".
            self.fields["kind"].choices = [("", "Choose one…"), *Kind.choices]
            self.initial["kind"] = ""
        if space.pk:
            self.initial.setdefault("postcode", space.postcode)
            self.initial.setdefault("tags", ", ".join(sorted(t.name for t in space.tags.all())))
            for slot in space.opening_hours or []:
                self.initial.setdefault(f"opens_{slot['day']}", slot["opens"])
                self.initial.setdefault(f"closes_{slot['day']}", slot["closes"])

    def day_fields(self):
        """(weekday, opens field, closes field) for the opening-times table."""
        return [(name, self[f"opens_{i}"], self[f"closes_{i}"]) for i, name in enumerate(WEEKDAYS)]

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_tags(self):
        names = []
        for tag in parse_tags(self.cleaned_data.get("tags", "")):
            # Lower case, single spaces, no control characters (they separate tags in SQL).
            tag = " ".join("".join(ch for ch in tag.lower() if ch.isprintable()).split())
            if len(tag) > 50:
                raise forms.ValidationError(
                    _("“%(value)s…” is too long for an interest.") % {"value": tag[:50]}
                )
            if tag and tag not in names:
                names.append(tag)
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(
                _("Choose up to %(MAX_TAGS)s interests.") % {"MAX_TAGS": MAX_TAGS}
            )
        return names

    def clean(self):
        cleaned = super().clean()
        hours = []
        for day, name in enumerate(WEEKDAYS):
            opens, closes = cleaned.get(f"opens_{day}"), cleaned.get(f"closes_{day}")
            if self.has_error(f"opens_{day}") or self.has_error(f"closes_{day}"):
                continue
            if bool(opens) != bool(closes):
                self.add_error(
                    f"closes_{day}" if opens else f"opens_{day}",
                    f"Give both the opening and closing time on {name}, or neither.",
                )
            elif opens and closes <= opens:
                self.add_error(f"closes_{day}", f"On {name}, closing must be after opening.")
            elif opens:
                hours.append(
                    {
                        "day": day,
                        "opens": opens.strftime("%H:%M"),
                        "closes": closes.strftime("%H:%M"),
                    }
                )
        cleaned["opening_hours"] = hours
        contact = [cleaned.get(f) for f in CONTACT_FIELDS]
        if cleaned.get("contact_consent") and not any(contact[1:]):
            self.add_error(
                "contact_consent",
                "Add an email address or phone number to show, or untick this box.",
            )
        if cleaned.get("photo") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error("photo_alt", "Describe the photo for people who can't see it.")
        location = cleaned.get("postcode")
        if location and cleaned.get("name"):
            from .selectors import space_duplicate

            self.duplicate = space_duplicate(
                name=cleaned["name"], location=location, exclude_pk=self.instance.pk
            )
            if self.duplicate is not None:
                self.add_error(
                    "name",
                    f"“{self.duplicate.name}” at {self.duplicate.postcode} is already listed. "
                    "If it is this place, propose an edit to it instead.",
                )
        return cleaned

    def member_fields(self) -> dict:
        """The cleaned values of the fields a member sets, ready for the services."""
        return {f: self.cleaned_data[f] for f in MEMBER_FIELDS if f in self.cleaned_data}


class SpaceEditForm(SpaceForm):
    """A proposed edit: the same fields (but no photo: photos are added on their own)."""

    reason = forms.CharField(
        label=_("What changed, and how do you know?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This helps our moderators check the edit."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photo"]
        del self.fields["photo_alt"]
        # Another person's contact that they did not agree to show is never sent to the
        # browser: its boxes start blank, and a box left blank keeps what is there.
        space = self.instance
        self.hidden_contact = {}
        if not (space.contact_consent or user.is_staff or space.submitted_by_id == user.pk):
            self.hidden_contact = {f: getattr(space, f) for f in CONTACT_FIELDS}
            for name in CONTACT_FIELDS:
                self.initial[name] = ""
                self.fields[
                    name
                ].help_text = "Not shown: the contact has not agreed to it. Leave blank to keep it."

    def member_fields(self) -> dict:
        fields = super().member_fields()
        for name, kept in self.hidden_contact.items():
            if not fields.get(name):
                fields[name] = kept
        return fields


class PhotoForm(HoneypotMixin, forms.Form):
    photo = PhotoField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, up to 5 MB. We remove location data from it."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Choose a photo to upload.")},
    )
    alt_text = OneLineCharField(
        label=_("Describe the photo"),
        max_length=200,
        help_text=_("For people who can't see it, like “The garden in spring”."),
        error_messages={"required": _("Describe the photo for people who can't see it.")},
    )


class ThreatReportForm(HoneypotMixin, forms.ModelForm):
    evidence_url = forms.URLField(
        label=_("A link to the evidence (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, like https://example.org/notice.")},
    )

    class Meta:
        model = ThreatReport
        fields = ["what", "evidence", "evidence_url", "deadline"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "deadline": _date_input(),
        }
        labels = {
            "what": _("What threatens the space?"),
            "evidence": _("How do you know?"),
            "deadline": _("By when? (optional)"),
        }
        help_texts = {
            "what": _("For example: the council plans to sell the building; the lease ends."),
            "evidence": _("A council report, a consultation, a notice on the door…"),
            "deadline": _("The date of the decision, sale or closure, if you know it."),
        }
        error_messages = {
            "what": {"required": _("Tell us what threatens the space.")},
            "deadline": {"invalid": _("Enter a date like 31/03/2027.")},
        }

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        today = timezone.localdate()
        if deadline and deadline < today:
            raise forms.ValidationError(_("That date has passed. Enter a date from today onwards."))
        if deadline and deadline > today + timedelta(days=5 * 365):
            raise forms.ValidationError(_("Enter a date within the next five years."))
        return deadline


class PledgeForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["time", "skills", "money", "voice", "message", "show_name"]
        widgets = {"message": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, label, help_text in Pledge.GIFTS:
            self.fields[field].label = label
            self.fields[field].help_text = help_text.capitalize()

    def gift_fields(self):
        return [self[field] for field, _l, _h in Pledge.GIFTS]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(field) for field, _l, _h in Pledge.GIFTS):
            raise forms.ValidationError(
                _("Choose at least one way you can help: time, skills, money or your voice.")
            )
        return cleaned


class StatusChangeForm(forms.Form):
    """Staff move a space to a new status (admin)."""

    status = forms.ChoiceField(choices=Status.choices)
    transfer_stage = forms.ChoiceField(
        label=_("Asset transfer stage"),
        choices=[("", "—"), *TransferStage.choices],
        required=False,
    )
    threat_summary = forms.CharField(
        label=_("What threatens it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    threat_deadline = forms.DateField(
        label=_("Threat deadline"), required=False, widget=_date_input()
    )
    note = forms.CharField(
        label=_("Note for the history and the pledgers' email"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == Status.TRANSFER and not cleaned.get("transfer_stage"):
            self.add_error("transfer_stage", "Choose the stage of the asset transfer.")
        if status == Status.THREATENED and not (cleaned.get("threat_summary") or "").strip():
            self.add_error("threat_summary", "Say what threatens the space.")
        return cleaned
