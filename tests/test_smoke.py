from regions.models import Region


def test_reference_regions_are_loaded_by_migrate(db):
    assert Region.objects.filter(level="province").count() == 38
    assert Region.objects.exclude(level="province").count() == 514
