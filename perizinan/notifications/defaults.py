"""The shipped texts of every event in Indonesian and English (Django template syntax).

A `MessageTemplate` row of the same event and language, edited by the site administrator,
takes precedence; these are loaded into the database by a migration and are the fallback.
Variables: `app` (the application), `company`, `reg` (registration number or #id), `reason`,
`status_code`, `due_date`, `licence_number`, `status_url`, `survey_url`, `ticket`, `counter`,
`rows` (officer lists), `name` (recipient's name), `office`.
"""

# event -> language -> (subject, body, short text)
DEFAULTS: dict[str, dict[str, tuple[str, str, str]]] = {
    "submitted": {
        "id": (
            "Permohonan {{ reg }} diterima",
            "Yth. {{ name }},\n\nPermohonan {{ permit }} atas nama {{ company }} telah kami terima dan akan diperiksa "
            "oleh customer service.\n\nCek status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: permohonan {{ company }} diterima dan sedang diperiksa CS.",
        ),
        "en": (
            "Application {{ reg }} received",
            "Dear {{ name }},\n\nWe have received the {{ permit }} application of {{ company }}; customer service "
            "will check it.\n\nCheck the status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: the application of {{ company }} was received and is being checked.",
        ),
    },
    "returned": {
        "id": (
            "Permohonan {{ reg }} perlu diperbaiki",
            "Yth. {{ name }},\n\nPermohonan {{ company }} dikembalikan untuk diperbaiki.\n\nAlasan dan yang perlu "
            "diperbaiki:\n{{ reason }}\n\nSilakan perbaiki lalu serahkan kembali. Cek status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: permohonan {{ reg }} perlu diperbaiki: {{ reason|truncatechars:200 }}",
        ),
        "en": (
            "Application {{ reg }} needs to be fixed",
            "Dear {{ name }},\n\nThe application of {{ company }} was returned to be fixed.\n\nReason and what to "
            "fix:\n{{ reason }}\n\nPlease fix it and hand it in again. Check the status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: application {{ reg }} needs fixing: {{ reason|truncatechars:200 }}",
        ),
    },
    "registered": {
        "id": (
            "Permohonan terdaftar: {{ reg }}",
            "Yth. {{ name }},\n\nPermohonan {{ company }} telah terdaftar dengan nomor registrasi {{ reg }}. "
            "Bukti tanda terima berkas diberikan di loket pendaftaran.\n\nKode cek status: {{ status_code }}\n"
            "Cek status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: permohonan terdaftar, no. {{ reg }}, kode cek status {{ status_code }}.",
        ),
        "en": (
            "Application registered: {{ reg }}",
            "Dear {{ name }},\n\nThe application of {{ company }} is registered with number {{ reg }}. The "
            "registration receipt is given at the registration counter.\n\nStatus code: {{ status_code }}\n"
            "Check the status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: application registered, no. {{ reg }}, status code {{ status_code }}.",
        ),
    },
    "recommendation": {
        "id": (
            "Rekomendasi teknis diterima: {{ reg }}",
            "Yth. {{ name }},\n\nRekomendasi teknis untuk permohonan {{ reg }} ({{ company }}) telah diterima. "
            "Izin dijadwalkan selesai paling lambat {{ due_date }}.\n\nCek status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: rekomendasi teknis {{ reg }} diterima; izin selesai paling lambat {{ due_date }}.",
        ),
        "en": (
            "Technical recommendation received: {{ reg }}",
            "Dear {{ name }},\n\nThe technical recommendation for application {{ reg }} ({{ company }}) has been "
            "received. The licence is due by {{ due_date }}.\n\nCheck the status: {{ status_url }}\n\n{{ office }}",
            "{{ office }}: recommendation for {{ reg }} received; licence due by {{ due_date }}.",
        ),
    },
    "ready": {
        "id": (
            "Izin siap diambil: {{ reg }}",
            "Yth. {{ name }},\n\nIzin {{ company }} nomor {{ licence_number }} siap diambil di loket pengambilan.\n\n"
            "Bawa: KTP, bukti tanda terima berkas, dan surat kuasa bila diwakilkan.\n\n{{ office }}",
            "{{ office }}: izin {{ licence_number }} siap diambil. Bawa KTP, tanda terima, surat kuasa bila diwakilkan.",
        ),
        "en": (
            "Licence ready for pickup: {{ reg }}",
            "Dear {{ name }},\n\nThe licence of {{ company }}, number {{ licence_number }}, is ready at the pickup "
            "counter.\n\nBring: your identity card (KTP), the registration receipt, and a power of attorney if "
            "someone collects it for you.\n\n{{ office }}",
            "{{ office }}: licence {{ licence_number }} is ready. Bring KTP, receipt, power of attorney if needed.",
        ),
    },
    "issued": {
        "id": (
            "Izin telah diserahkan: {{ licence_number }}",
            "Yth. {{ name }},\n\nIzin {{ company }} nomor {{ licence_number }} telah diserahkan. Keaslian izin dapat "
            "diperiksa lewat kode QR pada izin.\n\n{{ office }}",
            "{{ office }}: izin {{ licence_number }} telah diserahkan.",
        ),
        "en": (
            "Licence handed over: {{ licence_number }}",
            "Dear {{ name }},\n\nThe licence of {{ company }}, number {{ licence_number }}, has been handed over. Its "
            "authenticity can be checked through the QR code on the licence.\n\n{{ office }}",
            "{{ office }}: licence {{ licence_number }} has been handed over.",
        ),
    },
    "declined": {
        "id": (
            "Permohonan {{ reg }} tidak dapat diproses",
            "Yth. {{ name }},\n\nPermohonan {{ company }} tidak dapat diproses lebih lanjut.\n\nAlasan:\n{{ reason }}"
            "\n\n{{ office }}",
            "{{ office }}: permohonan {{ reg }} ditolak: {{ reason|truncatechars:200 }}",
        ),
        "en": (
            "Application {{ reg }} cannot proceed",
            "Dear {{ name }},\n\nThe application of {{ company }} cannot proceed.\n\nReason:\n{{ reason }}\n\n{{ office }}",
            "{{ office }}: application {{ reg }} declined: {{ reason|truncatechars:200 }}",
        ),
    },
    "survey": {
        "id": (
            "Bagaimana pelayanan kami?",
            "Yth. {{ name }},\n\nTerima kasih telah mengurus izin di {{ office }}. Mohon isi survei kepuasan "
            "masyarakat (2 menit): {{ survey_url }}\n\n{{ office }}",
            "{{ office }}: mohon isi survei kepuasan: {{ survey_url }}",
        ),
        "en": (
            "How did we do?",
            "Dear {{ name }},\n\nThank you for your licence application at {{ office }}. Please fill in the "
            "satisfaction survey (2 minutes): {{ survey_url }}\n\n{{ office }}",
            "{{ office }}: please fill in our satisfaction survey: {{ survey_url }}",
        ),
    },
    "queue_called": {
        "id": (
            "Nomor antrian {{ ticket }} dipanggil",
            "Nomor antrian {{ ticket }} dipanggil ke loket {{ counter }}.",
            "{{ office }}: nomor antrian {{ ticket }} dipanggil ke loket {{ counter }}.",
        ),
        "en": (
            "Ticket {{ ticket }} called",
            "Ticket {{ ticket }} is called to counter {{ counter }}.",
            "{{ office }}: ticket {{ ticket }} is called to counter {{ counter }}.",
        ),
    },
    "digest": {
        "id": (
            "Tugas Anda hari ini: {{ rows|length }} permohonan",
            "Yth. {{ name }},\n\nPermohonan yang menunggu langkah Anda:\n{% for r in rows %}- {{ r.reg }} {{ r.company }}"
            ": batas langkah {{ r.step_due|default:'-' }}{% if r.late %} (TERLAMBAT){% endif %}\n{% endfor %}\n{{ office }}",
            "{{ office }}: {{ rows|length }} permohonan menunggu langkah Anda.",
        ),
        "en": (
            "Your tasks today: {{ rows|length }} applications",
            "Dear {{ name }},\n\nApplications waiting for your step:\n{% for r in rows %}- {{ r.reg }} {{ r.company }}"
            ": step due {{ r.step_due|default:'-' }}{% if r.late %} (LATE){% endif %}\n{% endfor %}\n{{ office }}",
            "{{ office }}: {{ rows|length }} applications are waiting for your step.",
        ),
    },
    "step_due": {
        "id": (
            "Pengingat: {{ reg }} jatuh tempo {{ step_due }}",
            "Yth. {{ name }},\n\nLangkah Anda untuk permohonan {{ reg }} ({{ company }}) jatuh tempo {{ step_due }}, "
            "satu hari kerja lagi.\n\n{{ office }}",
            "{{ office }}: langkah {{ reg }} jatuh tempo {{ step_due }}.",
        ),
        "en": (
            "Reminder: {{ reg }} due {{ step_due }}",
            "Dear {{ name }},\n\nYour step on application {{ reg }} ({{ company }}) is due on {{ step_due }}, one "
            "working day from now.\n\n{{ office }}",
            "{{ office }}: step on {{ reg }} due {{ step_due }}.",
        ),
    },
    "step_late": {
        "id": (
            "Terlambat: {{ reg }} (batas {{ step_due }})",
            "Yth. {{ name }},\n\nLangkah Anda untuk permohonan {{ reg }} ({{ company }}) melewati batas "
            "{{ step_due }}.\n\n{{ office }}",
            "{{ office }}: langkah {{ reg }} terlambat (batas {{ step_due }}).",
        ),
        "en": (
            "Late: {{ reg }} (due {{ step_due }})",
            "Dear {{ name }},\n\nYour step on application {{ reg }} ({{ company }}) is past its target of "
            "{{ step_due }}.\n\n{{ office }}",
            "{{ office }}: step on {{ reg }} is late (due {{ step_due }}).",
        ),
    },
    "overdue": {
        "id": (
            "Permohonan melewati batas waktu: {{ reg }}",
            "Yth. {{ name }},\n\nPermohonan {{ reg }} ({{ company }}) melewati batas waktu layanan {{ due_date }}.\n\n"
            "{{ office }}",
            "{{ office }}: {{ reg }} melewati batas waktu {{ due_date }}.",
        ),
        "en": (
            "Application overdue: {{ reg }}",
            "Dear {{ name }},\n\nApplication {{ reg }} ({{ company }}) is past its service deadline of "
            "{{ due_date }}.\n\n{{ office }}",
            "{{ office }}: {{ reg }} is past its deadline of {{ due_date }}.",
        ),
    },
}
