/* eisfit: the headless program (placeholder entry while the engine lands). */
#include <stdio.h>
int main (void) { return 0; }
