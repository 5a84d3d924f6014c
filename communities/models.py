from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager

from core.models import Moderated, ModeratedQuerySet
from postcodes.geo import NearQuerySet
from postcodes.models import Located


class GroupQuerySet(NearQuerySet, ModeratedQuerySet):
    pass


class Group(Moderated, Located):
    """A community group, co-operative, charity, residents' association or action group."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True, max_length=10_000)
    tags = TaggableManager(blank=True, help_text="Interests, separated by commas.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="group_lat_lon")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:group-detail", kwargs={"slug": self.slug})
