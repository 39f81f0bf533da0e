"""What the organiser tries the import with: an empty PKA cohort, the agencies' heads, and a file with bad rows.

The file is demo/contoh-impor-peserta.csv (semicolons, as Excel set to Indonesian saves it): six rows
go through, eight show one kind of error each (a NIP Excel turned into a number, a misspelt agency, a
rank below the echelon, an e-mail on two rows, a position the programme is not for, a missing e-mail,
an agency not in the database yet).
"""

import datetime
from pathlib import Path

from diklat.models import Cohort, Organiser, Programme
from regions.models import Agency

from .cohort import ensure_stages

IMPORT_FILE = Path(__file__).with_name("contoh-impor-peserta.csv")
IMPORT_COHORT_NUMBER = 22
DAY = datetime.timedelta(days=1)


def ensure_import_cohort(organiser: Organiser, today: datetime.date) -> Cohort:
    """PKA cohort XXII of the same organiser, starting in three weeks, with nobody enrolled yet."""
    programme = Programme.objects.get(code="pka")
    cohort = Cohort.objects.filter(programme=programme, organiser=organiser, number=IMPORT_COHORT_NUMBER).first()
    if cohort is None:
        start = today + 21 * DAY
        cohort = Cohort.objects.create(
            programme=programme,
            rule_set=programme.rule_sets.order_by("-effective_from").first(),
            organiser=organiser,
            number=IMPORT_COHORT_NUMBER,
            year=start.year,
            start_date=start,
            design_seminar_date=start + 45 * DAY,
            results_seminar_date=start + 130 * DAY,
            end_date=start + 135 * DAY,
        )
    ensure_stages(cohort)
    return cohort


def ensure_agency_heads(enrolled) -> int:
    """The PKN II participants who head their agency (Kepala Dinas, Kepala Badan…) are recorded as its head:
    the suggested mentor of the administrators that the import enrols from the same agency."""
    made = 0
    for person in enrolled:
        participant = person.participant
        if participant.position.startswith("Kepala ") and participant.agency.head_id is None:
            Agency.objects.filter(pk=participant.agency_id, head__isnull=True).update(head=participant.user)
            made += 1
    return made
