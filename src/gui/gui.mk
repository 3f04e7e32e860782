# src/gui: eisfit-gtk, the desktop program (built unless --without-gui).
# Widgets are built from .ui templates in ui/, compiled into a GResource linked into the program.
gui_ui_files = \
	ui/eisfit-window.ui \
	ui/eisfit-plot-view.ui \
	ui/eisfit-param-table.ui \
	ui/eisfit-transference-page.ui \
	ui/eisfit-transference-during.ui \
	ui/eisfit-drt-page.ui \
	ui/eisfit-figure-page.ui \
	ui/eisfit-bic-table.ui \
	ui/eisfit-conductivity-panel.ui \
	ui/eisfit-fit-panel.ui \
	ui/eisfit-series-page.ui \
	ui/eisfit-series-table.ui \
	ui/eisfit-spectrum-row.ui \
	ui/eisfit-ellipsized-item.ui \
	ui/eisfit-shortcuts.ui \
	ui/eisfit-style.css

EXTRA_DIST += ui/eisfit.gresource.xml $(gui_ui_files) ui/io.github.eisfit.Eisfit.desktop \
	ui/io.github.eisfit.Eisfit.metainfo.xml \
	ui/io.github.eisfit.Eisfit.svg tests/gui/test-gui.sh tests/gui/test-gui-exclude.sh \
	tests/gui/test-gui-series-layout.sh \
	tests/gui/test-desktop-files.sh tests/gui/test-gui-transference.sh \
	tests/gui/test-gui-stale.sh tests/gui/test-gui-drt.sh tests/gui/test-gui-bic.sh \
	tests/gui/test-gui-signals.sh tests/gui/test-gui-project.sh tests/gui/test-gui-series.sh tests/gui/test-gui-series-joint.sh tests/gui/test-gui-series-adopt.sh tests/gui/test-gui-series-sharing.sh tests/gui/test-gui-undo-reopen.sh \
	tests/gui/test-gui-figs.sh tests/gui/test-gui-during.sh tests/gui/gui-lib.sh \
	tests/gui/test-gui-undo-remove.sh tests/gui/test-gui-layout.sh tests/gui/test-gui-choices.sh \
	tests/gui/test-gui-cell.sh \
	tests/gui/test-gui-pages.sh tests/gui/test-gui-project-transference.sh \
	tests/gui/test-gui-project-series.sh
EXTRA_DIST += tests/gui/test-gui-refuse.sh tests/gui/test-gui-panel-state.sh tests/gui/test-gui-nodisplay.sh
EXTRA_DIST += tests/gui/test-gui-results-csv.sh
EXTRA_DIST += tests/gui/test-gui-li-roles.sh
EXTRA_DIST += tests/gui/test-gui-save-folder.sh
EXTRA_DIST += tests/gui/test-gui-menu.sh tests/gui/test-gui-user3.sh
EXTRA_DIST += tests/gui/test-gui-project-settings.sh
EXTRA_DIST += tests/gui/test-gui-project-geometry.sh
EXTRA_DIST += tests/gui/test-gui-arrhenius-source.sh
EXTRA_DIST += tests/gui/test-gui-geometry-units.sh
EXTRA_DIST += tests/gui/test-gui-rel-error.sh
EXTRA_DIST += tests/gui/test-gui-geometry-nounit.sh
EXTRA_DIST += tests/gui/test-gui-series-labels.sh
EXTRA_DIST += tests/gui/test-gui-series-empty.sh
EXTRA_DIST += tests/gui/test-gui-series-law-height.sh
EXTRA_DIST += tests/gui/test-gui-figure-titles.sh
EXTRA_DIST += tests/gui/test-gui-series-merged.sh
EXTRA_DIST += tests/gui/test-gui-project-leads.sh
EXTRA_DIST += tests/gui/test-gui-hostile7.sh
EXTRA_DIST += tests/gui/test-gui-hostile8.sh
EXTRA_DIST += tests/gui/test-gui-list-order.sh
EXTRA_DIST += tests/gui/test-gui-geometry-all-undo.sh
EXTRA_DIST += tests/gui/test-gui-entry-hints.sh
EXTRA_DIST += tests/gui/test-gui-mixed-circuits.sh
EXTRA_DIST += tests/gui/test-gui-transference-guess.sh
EXTRA_DIST += tests/gui/test-gui-panel-units.sh
EXTRA_DIST += tests/gui/test-gui-transference-text.sh
EXTRA_DIST += tests/gui/test-gui-transference-legend.sh
EXTRA_DIST += tests/gui/test-gui-transference-range.sh
EXTRA_DIST += tests/gui/test-gui-transference-none.sh
EXTRA_DIST += tests/gui/test-gui-results-trust.sh
EXTRA_DIST += tests/gui/test-gui-input-safe.sh
EXTRA_DIST += tests/gui/test-gui-transference-circuits.sh
EXTRA_DIST += tests/gui/test-gui-transference-common.sh
EXTRA_DIST += tests/gui/test-gui-transference-tplus-format.sh
EXTRA_DIST += tests/gui/test-gui-list-names.sh
EXTRA_DIST += tests/gui/test-gui-arrhenius-points.sh
EXTRA_DIST += tests/gui/test-gui-project-keep.sh
EXTRA_DIST += tests/gui/test-gui-tf-layout.sh
EXTRA_DIST += tests/gui/test-gui-drt-layout.sh tests/gui/test-gui-drt-limit.sh tests/gui/test-gui-drt-async.sh tests/gui/test-gui-series-divider.sh
EXTRA_DIST += tests/gui/test-gui-arrhenius-summary.sh

# The desktop entry and metainfo are checked whether or not the program is built.
TESTS += tests/gui/test-desktop-files.sh

if WITH_GUI
bin_PROGRAMS += eisfit-gtk
eisfit_gtk_SOURCES = \
	src/gui/main.c \
	src/gui/eisfit-application.c src/gui/eisfit-application.h \
	src/gui/eisfit-window.c src/gui/eisfit-window.h src/gui/eisfit-window-private.h \
	src/gui/eisfit-document.c src/gui/eisfit-document.h \
	src/gui/eisfit-window-results.c src/gui/eisfit-json.h src/gui/eisfit-csv.c src/gui/eisfit-csv.h src/gui/eisfit-dialog.c src/gui/eisfit-dialog.h src/gui/eisfit-text.h src/gui/eisfit-window-script.c \
	src/gui/eisfit-window-project.c src/gui/eisfit-window-undo.c \
	src/gui/eisfit-window-list.c src/gui/eisfit-window-figures.c \
	src/gui/eisfit-window-fit.c src/gui/eisfit-window-exclude.c \
	src/gui/eisfit-window-export.c src/gui/eisfit-window-batch.c src/gui/eisfit-window-open.c \
	src/gui/eisfit-window-layout.c src/gui/eisfit-window-cell.c \
	src/gui/eisfit-plot-view.c src/gui/eisfit-plot-view.h \
	src/gui/eisfit-param-table.c src/gui/eisfit-param-table.h \
	src/gui/eisfit-transference-page.c src/gui/eisfit-transference-page.h \
	src/gui/eisfit-transference-during.c src/gui/eisfit-transference-during.h \
	src/gui/eisfit-transference-calc.c src/gui/eisfit-transference-calc.h \
	src/gui/eisfit-drt-page.c src/gui/eisfit-drt-page.h \
	src/gui/eisfit-paned.c src/gui/eisfit-paned.h \
	src/gui/eisfit-figure-page.c src/gui/eisfit-figure-page.h \
	src/gui/eisfit-arrhenius-data.c src/gui/eisfit-arrhenius-data.h \
	src/gui/eisfit-bic-table.c src/gui/eisfit-bic-table.h \
	src/gui/eisfit-conductivity-panel.c src/gui/eisfit-conductivity-panel.h \
	src/gui/eisfit-fit-panel.c src/gui/eisfit-fit-panel.h \
	src/gui/eisfit-series-page.c src/gui/eisfit-series-page-private.h src/gui/eisfit-series-trends.c src/gui/eisfit-series-page.h \
	src/gui/eisfit-series-job.c src/gui/eisfit-series-job.h \
	src/gui/eisfit-series-table.c src/gui/eisfit-series-table.h \
	src/gui/eisfit-spectrum-item.c src/gui/eisfit-spectrum-item.h \
	src/gui/eisfit-exclusions.c src/gui/eisfit-exclusions.h \
	src/gui/eisfit-exclude-controller.c src/gui/eisfit-exclude-controller.h \
	src/gui/eisfit-settings.c src/gui/eisfit-settings.h \
	src/gui/eisfit-export-dialog.c src/gui/eisfit-export-dialog.h
nodist_eisfit_gtk_SOURCES = src/gui/eisfit-resources.c
eisfit_gtk_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/gui
eisfit_gtk_CFLAGS = $(AM_CFLAGS) $(GTK_CFLAGS) $(PLPLOT_CFLAGS) $(CAIRO_CFLAGS) $(GSL_CFLAGS)
eisfit_gtk_LDADD = libeisplot.la libeiscore.la $(GTK_LIBS) $(PLPLOT_LIBS) $(GSL_LIBS) $(CSV_LIBS) -lm

BUILT_SOURCES += src/gui/eisfit-resources.c
CLEANFILES += src/gui/eisfit-resources.c

src/gui/eisfit-resources.c: ui/eisfit.gresource.xml $(gui_ui_files)
	$(AM_V_GEN)$(MKDIR_P) src/gui && \
	$(GLIB_COMPILE_RESOURCES) --target=$@ --sourcedir=$(srcdir)/ui --generate-source \
		--c-name eisfit $(srcdir)/ui/eisfit.gresource.xml

desktopdir = $(datadir)/applications
dist_desktop_DATA = ui/io.github.eisfit.Eisfit.desktop
metainfodir = $(datadir)/metainfo
dist_metainfo_DATA = ui/io.github.eisfit.Eisfit.metainfo.xml
iconsdir = $(datadir)/icons/hicolor/scalable/apps
dist_icons_DATA = ui/io.github.eisfit.Eisfit.svg

dist_man_MANS += man/eisfit-gtk.1

TESTS += tests/gui/test-gui.sh tests/gui/test-gui-exclude.sh \
	tests/gui/test-gui-transference.sh tests/gui/test-gui-stale.sh tests/gui/test-gui-drt.sh \
	tests/gui/test-gui-bic.sh tests/gui/test-gui-signals.sh tests/gui/test-gui-project.sh tests/gui/test-gui-series.sh tests/gui/test-gui-series-joint.sh tests/gui/test-gui-series-adopt.sh tests/gui/test-gui-series-sharing.sh tests/gui/test-gui-undo-reopen.sh \
	tests/gui/test-gui-figs.sh tests/gui/test-gui-during.sh \
	tests/gui/test-gui-undo-remove.sh tests/gui/test-gui-layout.sh tests/gui/test-gui-choices.sh \
	tests/gui/test-gui-cell.sh \
	tests/gui/test-gui-pages.sh tests/gui/test-gui-project-transference.sh \
	tests/gui/test-gui-project-series.sh
TESTS += tests/gui/test-gui-refuse.sh tests/gui/test-gui-panel-state.sh tests/gui/test-gui-nodisplay.sh
TESTS += tests/gui/test-gui-results-csv.sh tests/gui/test-gui-user3.sh tests/gui/test-gui-li-roles.sh
TESTS += tests/gui/test-gui-save-folder.sh
TESTS += tests/gui/test-gui-menu.sh
TESTS += tests/gui/test-gui-project-settings.sh
TESTS += tests/gui/test-gui-project-geometry.sh
TESTS += tests/gui/test-gui-arrhenius-source.sh
TESTS += tests/gui/test-gui-geometry-units.sh
TESTS += tests/gui/test-gui-rel-error.sh
TESTS += tests/gui/test-gui-geometry-nounit.sh
TESTS += tests/gui/test-gui-series-labels.sh
TESTS += tests/gui/test-gui-series-empty.sh
TESTS += tests/gui/test-gui-series-law-height.sh
TESTS += tests/gui/test-gui-figure-titles.sh
TESTS += tests/gui/test-gui-series-merged.sh
TESTS += tests/gui/test-gui-project-leads.sh
TESTS += tests/gui/test-gui-hostile7.sh
TESTS += tests/gui/test-gui-hostile8.sh
TESTS += tests/gui/test-gui-list-order.sh
TESTS += tests/gui/test-gui-geometry-all-undo.sh
TESTS += tests/gui/test-gui-entry-hints.sh
TESTS += tests/gui/test-gui-mixed-circuits.sh
TESTS += tests/gui/test-gui-transference-guess.sh
TESTS += tests/gui/test-gui-panel-units.sh
TESTS += tests/gui/test-gui-transference-text.sh
TESTS += tests/gui/test-gui-series-layout.sh
TESTS += tests/gui/test-gui-transference-legend.sh
TESTS += tests/gui/test-gui-transference-range.sh
TESTS += tests/gui/test-gui-transference-none.sh
TESTS += tests/gui/test-gui-results-trust.sh
TESTS += tests/gui/test-gui-input-safe.sh
TESTS += tests/gui/test-gui-transference-circuits.sh
TESTS += tests/gui/test-gui-transference-common.sh
TESTS += tests/gui/test-gui-transference-tplus-format.sh
TESTS += tests/gui/test-gui-list-names.sh
TESTS += tests/gui/test-gui-arrhenius-points.sh
TESTS += tests/gui/test-gui-project-keep.sh
TESTS += tests/gui/test-gui-tf-layout.sh
TESTS += tests/gui/test-gui-drt-layout.sh tests/gui/test-gui-drt-limit.sh tests/gui/test-gui-drt-async.sh
TESTS += tests/gui/test-gui-series-divider.sh
TESTS += tests/gui/test-gui-arrhenius-summary.sh
TESTS += tests/gui/test-gui-notice.sh
TESTS += tests/gui/test-gui-dark-palette.sh tests/gui/test-gui-typeset.sh tests/gui/test-gui-drt-overlay.sh
TESTS += tests/gui/test-gui-series-hysteresis.sh
endif
EXTRA_DIST += tests/gui/test-gui-notice.sh
EXTRA_DIST += tests/gui/test-gui-dark-palette.sh tests/gui/test-gui-typeset.sh tests/gui/test-gui-drt-overlay.sh
EXTRA_DIST += tests/gui/test-gui-series-hysteresis.sh
