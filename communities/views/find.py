"""Finding groups and communities: search, map, examples, your groups."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET
from django_filters.views import FilterView
from taggit.models import TaggedItem

from core.geojson import feature_collection, point_feature
from core.paging import page_number, query_without_page
from postcodes.forms import start_from_saved_postcode
from postcodes.near import redirect_old_distance

from ..filters import CommitmentFilter, GroupFilter, GroupTraitsFilter
from ..models import AreaType, Commitment, Group, Membership, ProgressUpdate, Role
from ..selectors import pioneers_near

MAP_LIMIT = 500
POPULAR_TAGS_SECONDS = 600
INTEREST_PREVIEW = 6


def groups_geojson(queryset) -> dict:
    """A GeoJSON FeatureCollection of the located groups of ``queryset`` (one query)."""
    rows = (
        queryset.located()
        .order_by()
        .values_list("name", "slug", "latitude", "longitude", "kind", "registered_at")[:MAP_LIMIT]
    )
    kinds = dict(Group._meta.get_field("kind").choices)
    return feature_collection(
        point_feature(
            lat=lat,
            lon=lon,
            name=name,
            url=reverse("communities:group-detail", kwargs={"slug": slug}),
            summary=kinds.get(kind, "") + (" · co-operative community" if registered_at else ""),
        )
        for name, slug, lat, lon, kind, registered_at in rows
    )


def popular_tags(limit: int = 12) -> list[str]:
    """The interests most used by approved groups (one query, cached for ten minutes)."""

    def count():
        return list(
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Group),
                object_id__in=Group.objects.approved().values("pk"),
            )
            .values("tag__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "tag__name")
            .values_list("tag__name", flat=True)[:limit]
        )

    return cache.get_or_set(f"communities:popular-tags:{limit}", count, POPULAR_TAGS_SECONDS)


class StatusFromFilterMixin:
    """Bad filter input is the client's mistake: answer 400 with the form and its errors."""

    def render_to_response(self, context, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class ForgivingPagesMixin:
    """An old link past the last page shows the last page, not "Page not found"; a page
    that isn't a number shows the first (``Paginator.get_page``, as the other listings)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = paginator.get_page(page_number(self.request.GET.get(self.page_kwarg)))
        return paginator, page, page.object_list, page.has_other_pages()


@method_decorator(redirect_old_distance, name="get")
class GroupListView(ForgivingPagesMixin, StatusFromFilterMixin, FilterView):
    """Groups with a place: search by postcode and radius, interests, kind; list and map.

    Communities of interest (no place) are listed separately under the results.
    """

    filterset_class = GroupFilter
    template_name = "communities/group_list.html"
    paginate_by = 20
    strict = True

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        start_from_saved_postcode(filterset.form, self.request.user)
        return filterset

    def get_queryset(self):
        return (
            Group.objects.approved()
            .exclude(area_type=AreaType.INTEREST)
            .for_cards()
            .order_by("-is_featured", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        location = filterset.location
        interest = GroupTraitsFilter(
            self.request.GET or None,
            queryset=Group.objects.approved().of_interest().for_cards().order_by("name"),
        )
        context.update(
            location=location,
            km=filterset.within_km,
            geojson=groups_geojson(self.object_list),
            interest_groups=list(interest.qs[: INTEREST_PREVIEW + 1]),
            interest_preview=INTEREST_PREVIEW,
            pioneers=pioneers_near(point=location.point, km=filterset.within_km)
            if location
            else [],
            popular_tags=popular_tags(),
            query_string=query_without_page(self.request.GET),
        )
        return context


class InterestListView(ForgivingPagesMixin, StatusFromFilterMixin, FilterView):
    """Communities of interest: no place, found by interests, kind and words."""

    filterset_class = GroupTraitsFilter
    template_name = "communities/interest_list.html"
    paginate_by = 20
    strict = True

    def get_queryset(self):
        return Group.objects.approved().of_interest().for_cards().order_by("-is_featured", "name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query_string=query_without_page(self.request.GET), popular_tags=popular_tags(), **kwargs
        )


class CommitmentsWorkedView(ForgivingPagesMixin, StatusFromFilterMixin, FilterView):
    """Commitments that reached their target, with their results and latest story."""

    filterset_class = CommitmentFilter
    template_name = "communities/commitments_worked.html"
    paginate_by = 20
    strict = True

    def get_queryset(self):
        latest = ProgressUpdate.objects.filter(commitment=OuterRef("pk")).order_by(
            "-posted_at", "-pk"
        )
        return (
            Commitment.objects.public()
            .met()
            .select_related("group")
            .annotate(
                latest_story=Subquery(latest.values("story")[:1]),
                latest_at=Subquery(latest.values("posted_at")[:1]),
                update_count=Subquery(
                    ProgressUpdate.objects.filter(commitment=OuterRef("pk"))
                    .order_by()
                    .values("commitment")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
            )
            .order_by("-latest_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(query_string=query_without_page(self.request.GET), **kwargs)


@login_required
@require_GET
def my_groups(request):
    """The groups the member belongs to, with their role, and registrations in progress."""
    memberships = (
        Membership.objects.filter(user=request.user).select_related("group").order_by("group__name")
    )
    return render(
        request,
        "communities/my_groups.html",
        {"memberships": memberships, "organiser": Role.ORGANISER},
    )
