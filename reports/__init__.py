"""The read side: coverage against targets, digests, XLSX and DOCX exports."""
