/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the circuit language: any text either parses (and then evaluates to
 * finite or infinite impedances without crashing) or gives a parse error. */
#include <complex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "circuit.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size > 4096)
    return 0;
  char *text = malloc (size + 1);
  if (text == NULL)
    return 0;
  memcpy (text, data, size);
  text[size] = '\0';
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse (text, &c, &err) == EIS_OK)
    {
      size_t n = eis_circuit_n_params (c);
      double *p = malloc ((n ? n : 1) * sizeof *p);
      double complex *dz = malloc ((n ? n : 1) * sizeof *dz);
      if (p && dz)
        {
          for (size_t k = 0; k < n; k++)
            p[k] = eis_circuit_param_kind (c, k) == EIS_PARAM_EXPONENT ? 0.73 : 1.7e-3 * (double) (k + 1);
          double complex z;
          static const double omega[] = { 1e-6, 0.37, 6.28e3, 4.4e7, 1e12 };
          for (size_t i = 0; i < sizeof omega / sizeof omega[0]; i++)
            eis_circuit_eval (c, p, omega[i], &z, dz);
          for (size_t k = 0; k < n; k++)
            (void) eis_circuit_param_index (c, eis_circuit_param_name (c, k));
          (void) eis_circuit_text (c);
        }
      free (p);
      free (dz);
      eis_circuit_free (c);
    }
  free (text);
  return 0;
}
