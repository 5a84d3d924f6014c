"""Forms of the events app: they validate and normalise, and never send or queue anything."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Group
from communities.selectors import groups_organised_by
from core.forms import HoneypotMixin, InterestsField, ModelChoiceField, OneLineCharField
from postcodes.forms import PostcodeField
from postcodes.parsing import PostcodeError
from postcodes.services import lookup
from spaces.models import Space
from spaces.selectors import spaces_near

from .images import image_clean
from .models import AttendanceMode, Event, Occurrence, PersonalCalendar

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S"]
MAX_TAGS = 8
MAX_DAYS_AHEAD = 730
# The community space is picked among the approved spaces this close to a postcode.
SPACES_NEAR_KM = 5
SPACES_NEAR_LIMIT = 50
FIND_SPACES = "find_spaces"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventForm(HoneypotMixin, forms.ModelForm):
    """A member's event: what, when, where or how to join, cost, places, access, image.

    Times are UK time (Europe/London). The place is located from its postcode, or taken
    from the community space chosen; the format decides which of place and join link
    are needed and drops the other.
    """

    starts_at = forms.DateTimeField(
        label=_("Starts"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeLocalInput(),
        help_text=_("UK time. For a regular activity, the first date."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), input_formats=DATETIME_FORMATS, widget=DateTimeLocalInput()
    )
    repeat_until = forms.DateField(
        label=_("Repeats until"),
        required=False,
        widget=DateInput(),
        help_text=_("The last day it may happen. Leave blank to keep repeating."),
    )
    attendance_mode = forms.ChoiceField(
        label=_("Format"), choices=AttendanceMode.choices, widget=forms.RadioSelect
    )
    near = forms.CharField(
        label=_("Find community spaces near"),
        required=False,
        max_length=10,
        help_text=_("A postcode, then “Find spaces”: the spaces within 5 km are listed below."),
    )
    space = ModelChoiceField(
        label=_("At a community space on coopcentre"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=_("Not at a listed space (give the address below)"),
    )
    postcode = PostcodeField(
        label=_("Postcode"),
        required=False,
        allow_outward=False,
        help_text=_("Of the address above."),
    )
    join_url = forms.URLField(
        label=_("Join link"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("The https:// link of the video call. Only people going see it."),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={
            "min_value": _("Give at least 1 place, or leave it blank for no limit."),
            "invalid": _("Give the number of places as a whole number, like 20."),
        },
        help_text=_("How many people can come to each date. Leave blank for no limit."),
    )
    price = forms.DecimalField(
        label=_("Cost (£)"),
        min_value=0,
        max_digits=7,
        decimal_places=2,
        initial=0,
        error_messages={"min_value": _("The cost can't be below £0 (0 means free).")},
        help_text=_("0 for free."),
    )
    image = forms.ImageField(
        required=False,
        help_text=_("Optional. A JPEG, PNG or WebP photo up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "tags",
            "group",
            "starts_at",
            "ends_at",
            "recurrence",
            "repeat_until",
            "attendance_mode",
            "space",
            "venue_name",
            "address",
            "join_url",
            "join_details",
            "price",
            "price_note",
            "capacity",
            "accessibility_notes",
            "image",
            "image_alt",
        ]
        field_classes = dict.fromkeys(
            ("title", "venue_name", "address", "price_note", "image_alt"), OneLineCharField
        ) | {"tags": InterestsField, "group": ModelChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
            "join_details": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "group": _("Organised by a group"),
            "recurrence": _("Repeats"),
            "tags": _("Interests"),
        }
        help_texts = {"tags": _("Separated by commas: walking, gardening, families.")}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        # Any approved space is accepted; the list offers only those near a postcode.
        self.fields["space"].queryset = (
            Space.objects.approved().only("id", "name", "postcode").order_by("name")
        )
        # Members may name an approved group they organise; staff set any in admin. An event
        # already naming a group keeps it as a choice (the organiser may have moved on).
        groups = groups_organised_by(user=user)
        if self.instance.group_id:
            groups = groups | Group.objects.filter(pk=self.instance.group_id).only("id", "name")
        self.fields["group"].queryset = groups.order_by("name")
        self.fields["group"].empty_label = "No, I organise it myself"
        self.fields["group"].error_messages["invalid_choice"] = (
            "Choose one of the groups you organise, or say you organise it yourself."
        )
        if not self.fields["group"].queryset.exists():
            del self.fields["group"]
        if self.instance.pk and self.instance.postcode and not self.instance.space_id:
            self.initial.setdefault("postcode", self.instance.postcode)
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        self.near_error = ""
        self._offer_spaces()

    def _offer_spaces(self) -> None:
        """List as choices the approved spaces near a postcode (nearest first), and the
        space already chosen: never hundreds of options.

        The postcode is the one typed in "Find community spaces near", else the event's
        own, else the member's home postcode. A postcode that can't be found is explained.
        """
        near_text = (self["near"].value() or "").strip()
        location = None
        if near_text:
            try:
                location = lookup(near_text)
            except PostcodeError as error:
                self.near_error = str(error)
        if location is None:
            for text in (
                self["postcode"].value(),
                self.instance.postcode,
                getattr(self.user, "home_postcode", ""),
            ):
                try:
                    location = lookup(text) if text else None
                except PostcodeError:
                    continue
                if location is not None:
                    break
        near = (
            spaces_near(point=location.point, km=SPACES_NEAR_KM, limit=SPACES_NEAR_LIMIT)
            if location
            else []
        )
        field = self.fields["space"]
        choices = [("", field.empty_label)]
        chosen_pk = str(self["space"].value() or "")
        if chosen_pk.isdigit() and int(chosen_pk) not in {s.pk for s in near}:
            chosen = Space.objects.approved().filter(pk=chosen_pk).only("name", "postcode")
            choices += [(s.pk, _space_label(s)) for s in chosen]
        choices += [(s.pk, f"{_space_label(s)} · {s.distance_km:.1f} km") for s in near]
        field.widget.choices = choices
        if location and near:
            field.help_text = (
                f"Approved spaces within {SPACES_NEAR_KM} km of {location.postcode}, nearest "
                "first. Not listed? Find spaces near another postcode above."
            )
        elif location:
            field.help_text = (
                f"No listed space within {SPACES_NEAR_KM} km of {location.postcode}: "
                "try another postcode above, or give the address below."
            )
        else:
            field.help_text = "Find spaces near a postcode above to list them here."
        self["space"].help_text = field.help_text  # the bound field copied the old one

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        unchanged = self.instance.pk and self.instance.starts_at == starts_at
        if not unchanged and starts_at < timezone.now():
            raise forms.ValidationError(
                _("That start is in the past. Choose a date and time from now on."), code="past"
            )
        if starts_at > timezone.now() + timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(
                _("We list events up to two years ahead. Check the year."), code="far"
            )
        return starts_at

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        tags = [t.strip().lower() for t in tags if t.strip()]
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Give at most %(MAX_TAGS)s interests.") % {"MAX_TAGS": MAX_TAGS}
            )
        if any(len(t) > 40 for t in tags):
            raise forms.ValidationError(_("Keep each interest under 40 characters."))
        return list(dict.fromkeys(tags))

    def clean_image(self):
        image = self.cleaned_data.get("image")
        # A new upload is checked and re-encoded; an image already stored is kept.
        if image and hasattr(image, "content_type"):
            return image_clean(image)
        return image

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("attendance_mode")
        in_person = mode in (AttendanceMode.IN_PERSON, AttendanceMode.MIXED)
        online = mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)
        space = cleaned.get("space")
        location = cleaned.get("postcode")
        if in_person and not space:
            # The model checks an address and postcode are given; here we locate it.
            if location is not None:
                self.instance.set_location(location)
            elif "postcode" not in self.errors:
                self.instance.postcode = ""
        if in_person and space and space.latitude is None:
            self.add_error("space", "That space has no postcode yet: give the address instead.")
        if not in_person:
            cleaned["space"] = None
            cleaned["venue_name"] = cleaned["address"] = ""
        if not online:
            cleaned["join_url"] = cleaned["join_details"] = ""
        if not cleaned.get("recurrence"):
            cleaned["repeat_until"] = None
        return cleaned

    def _update_errors(self, errors):
        # A field the form already found wrong needs no second message from the model.
        if hasattr(errors, "error_dict"):
            fresh = {f: e for f, e in errors.error_dict.items() if f not in self.errors}
            if not fresh:
                return
            errors = forms.ValidationError(fresh)
        super()._update_errors(errors)


def _space_label(space) -> str:
    return f"{space.name}, {space.postcode}" if space.postcode else space.name


def form_initial_from(data) -> dict:
    """What a member typed, as a fresh form's initial values (for "Find spaces", which
    redraws the form with nothing checked yet)."""
    return {k: v for k, v in data.items() if k not in ("csrfmiddlewaretoken", FIND_SPACES)}


class RsvpForm(forms.Form):
    """Saying you're going to one date of an event."""

    occurrence = ModelChoiceField(
        queryset=Occurrence.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That date isn't open for replies any more.")},
    )
    share_email = forms.BooleanField(
        label=_("Share my email address with the organiser"),
        required=False,
        help_text=_("So they can tell you about changes themselves. Otherwise only we email you."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = event.occurrences.upcoming()


class CancelRsvpForm(forms.Form):
    occurrence = ModelChoiceField(queryset=Occurrence.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = event.occurrences.all()


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to everyone going or waiting, and shown on the event page."),
        error_messages={"required": _("Say why, so the people coming understand.")},
    )


class PersonalCalendarForm(forms.ModelForm):
    """What the member's own calendar feed holds beyond the dates they are going to."""

    class Meta:
        model = PersonalCalendar
        fields = ["include_waiting"]
