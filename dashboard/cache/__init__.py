"""The app's one cache (:mod:`.shared`), the dataset every page shows (:mod:`.dataset`) and the
data-layer questions kept per version of the data (:mod:`.queries`)."""
