# src/gui: eisfit-gtk, the desktop program (built unless --without-gui).
if WITH_GUI
endif
