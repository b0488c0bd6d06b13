"""The roles of SOP-LP2N-KES-02 (the 13 lanes of Lampiran 1) plus supervisor and site admin.

Each role is a Django group of the same name; what each may do is declared here and in
`permissions.py`, never by testing a username. One person may hold several roles.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    APPLICANT = "applicant"  # lane 1: Pemohon / Pelanggan
    INFO = "info"  # lane 2: Petugas Layanan Informasi
    CS = "cs"  # lane 3: Petugas Customer Service
    HELPDESK = "helpdesk"  # lane 3: Help Desk
    REGISTRATION = "registration"  # lane 4: Petugas Loket Pendaftaran
    VERIFIER = "verifier"  # lane 5: Petugas Pemrosesan (Verifikasi)
    LIAISON = "liaison"  # lane 6: Petugas Penghubung
    ADMIN_MONITORING = "admin_monitoring"  # lane 7: Petugas Pemrosesan (Adm & Monitoring)
    TECHNICAL_TEAM = "technical_team"  # lane 8: Tim Teknis (OPD)
    SECTION_HEAD = "section_head"  # lane 9: Kepala Seksi Layanan
    DIVISION_HEAD = "division_head"  # lane 10: Kepala Bidang Layanan Perizinan
    OFFICE_HEAD = "office_head"  # lane 11: Kepala DPMPTSP
    REGISTRY = "registry"  # lane 12: Petugas Tata Usaha
    PICKUP = "pickup"  # lane 13: Petugas Loket Pengambilan
    SUPERVISOR = "supervisor"  # section P: internal supervision
    SITE_ADMIN = "site_admin"  # catalogue, users, closures, settings


ROLE_LABELS = {
    Role.APPLICANT: _("Pemohon"),
    Role.INFO: _("Petugas Layanan Informasi"),
    Role.CS: _("Petugas Customer Service"),
    Role.HELPDESK: _("Petugas Help Desk"),
    Role.REGISTRATION: _("Petugas Loket Pendaftaran"),
    Role.VERIFIER: _("Petugas Pemrosesan (Verifikasi)"),
    Role.LIAISON: _("Petugas Penghubung"),
    Role.ADMIN_MONITORING: _("Petugas Pemrosesan (Adm & Monitoring)"),
    Role.TECHNICAL_TEAM: _("Tim Teknis (OPD)"),
    Role.SECTION_HEAD: _("Kepala Seksi Layanan"),
    Role.DIVISION_HEAD: _("Kepala Bidang Layanan Perizinan"),
    Role.OFFICE_HEAD: _("Kepala DPMPTSP"),
    Role.REGISTRY: _("Petugas Tata Usaha"),
    Role.PICKUP: _("Petugas Loket Pengambilan"),
    Role.SUPERVISOR: _("Pengawas"),
    Role.SITE_ADMIN: _("Administrator Sistem"),
}

# The lane of each role in the swimlane of Lampiran 1 (CS and help desk share lane 3).
ROLE_LANES = {
    Role.APPLICANT: 1,
    Role.INFO: 2,
    Role.CS: 3,
    Role.HELPDESK: 3,
    Role.REGISTRATION: 4,
    Role.VERIFIER: 5,
    Role.LIAISON: 6,
    Role.ADMIN_MONITORING: 7,
    Role.TECHNICAL_TEAM: 8,
    Role.SECTION_HEAD: 9,
    Role.DIVISION_HEAD: 10,
    Role.OFFICE_HEAD: 11,
    Role.REGISTRY: 12,
    Role.PICKUP: 13,
}

OFFICER_ROLES = frozenset(Role) - {Role.APPLICANT}
# Officers of the office itself see every application; the technical team only those
# referred to its agency; supervisors see every application in progress (section P).
OFFICE_ROLES = OFFICER_ROLES - {Role.TECHNICAL_TEAM}
SUPERVISING_ROLES = frozenset(
    {Role.SECTION_HEAD, Role.DIVISION_HEAD, Role.OFFICE_HEAD, Role.SUPERVISOR, Role.SITE_ADMIN}
)
# Who reads the supervision reports and dashboards (API contract: heads and the supervisor).
REPORTING_ROLES = frozenset({Role.SECTION_HEAD, Role.DIVISION_HEAD, Role.OFFICE_HEAD, Role.SUPERVISOR})
