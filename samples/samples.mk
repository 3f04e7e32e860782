# samples: small data sets written by us that ship with eisfit
dist_pkgdata_DATA +=
