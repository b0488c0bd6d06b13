"""One module per document kind of the SOP (section U and the records of Lampiran 1).

Each module declares its `SPEC` (title, template, step, blank_allowed) and its builder, which
turns an application (or nothing, for a blank form) into the template context. Shared pieces
(the office, the company, the officers) are in `parts`; every template extends the one page
layout documents/base.html. `perizinan.documents.registry` lists them and renders.
"""
