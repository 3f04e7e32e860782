# src/core/project: project files (the session of eisfit-gtk, refitted by eisfit --project)
core_project_sources = \
	src/core/project.c src/core/project.h src/core/project-saved.c \
	src/core/text-buf.c src/core/text-buf.h \
	src/core/sha256.c src/core/sha256.h
