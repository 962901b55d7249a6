"""lawgov import: report text (a web page copied, a document saved as text) -> a report."""
