# src/plot: figures drawn with PLplot on cairo targets (files now, the GUI's drawing area later).
plot_sources =
