# src/core/fit: the CNLS fitter, automatic starting values, default circuit, conductivity
core_fit_sources = src/core/fit.c src/core/fit.h src/core/fit-private.h src/core/fit-guess.c \
	src/core/cholesky.c src/core/cholesky.h src/core/order-stat.c src/core/order-stat.h \
	src/core/qr.c src/core/qr.h \
	src/core/fit-auto.c src/core/fit-admissible.c src/core/conductivity.c src/core/conductivity.h
