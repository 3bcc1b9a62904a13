"""Files a visitor downloads: formula-safe CSV (:mod:`.spreadsheet`) and one-page PDFs
(:mod:`.opportunity_pdf`, :mod:`.shortlist_pdf`, laid out with :mod:`.pdf_kit`)."""
