"""Search and geocoding: the gazetteer, its pure text normalisation, its reads and its rebuild."""
