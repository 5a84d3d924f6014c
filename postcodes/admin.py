from django.contrib import admin

from .models import District, LocalAuthority, Postcode


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "nation")
    list_filter = ("nation",)
    search_fields = ("name", "code")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = (
        "outcode",
        "local_authority",
        "nation",
        "latitude",
        "longitude",
        "live_postcodes",
    )
    list_filter = ("nation",)
    search_fields = ("outcode", "local_authority__name")
    list_select_related = ("local_authority",)


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ("postcode", "outcode", "lad_code", "small_area_code", "latitude", "longitude")
    search_fields = ("postcode",)
    show_full_result_count = False
