"""Practical guides written by staff."""

from django.views.generic import DetailView
from django_filters.views import FilterView

from ..filters import GuideFilter
from ..models import Guide, GuideStep
from .find import ForgivingPagesMixin, StatusFromFilterMixin


class GuideListView(ForgivingPagesMixin, StatusFromFilterMixin, FilterView):
    filterset_class = GuideFilter
    template_name = "communities/guide_list.html"
    paginate_by = 30
    strict = True

    def get_queryset(self):
        return (
            Guide.objects.published()
            .only("title", "slug", "summary", "step", "updated_at")
            .prefetch_related("tags")
            .order_by("step", "order", "title")
        )


class GuideDetailView(DetailView):
    template_name = "communities/guide_detail.html"
    context_object_name = "guide"

    def get_queryset(self):
        if self.request.user.is_authenticated and self.request.user.is_staff:
            return Guide.objects.all()
        return Guide.objects.published()

    def get_context_data(self, **kwargs):
        guide = self.object
        related = []
        if guide.step:
            related = list(
                Guide.objects.published()
                .filter(step=guide.step)
                .exclude(pk=guide.pk)
                .only("title", "slug")
            )
        return super().get_context_data(
            step_label=GuideStep(guide.step).label if guide.step else "",
            related=related,
            tags=list(guide.tags.all()),
            **kwargs,
        )
