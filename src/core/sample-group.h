/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which spectra belong together (one sample or cell: one series): from the file's name and
 * folder, its cell type and geometry. Used by the "mixed circuits" notice that eisfit and
 * eisfit-gtk give after a batch fit, and by eisfit-gtk's choice of the spectra before and after
 * a polarization. */
#ifndef EIS_SAMPLE_GROUP_H
#define EIS_SAMPLE_GROUP_H

#include <stddef.h>

/* The sample a file name stands for: its base name without the extension, split at - _ . space
 * and brackets, less the words that only say where in a series a file lies: numbers, dates and
 * temperatures ("25C", "m20C", "-20degC", "298K", "2024-01-05"), an instrument's channel
 * ("C01"), the words of a polarization ("before", "after", "pre", "post", "initial", "final",
 * "steady", "state", "polarization", "pol") and of the technique ("EIS", "PEIS", "GEIS", "CA",
 * "CP", "chrono", "impedance"): "cell3_02_CA_C01.mpr" and "cell3_01_PEIS_C01.mpr" -> "cell3". What is left, joined by '-' in the file's case, is written
 * to OUT (NUL-terminated, cut to LEN): "samples/pellet-m20C.csv" -> "pellet",
 * "li-spike-before.csv" -> "li-spike", "LLZO_25C_run.mpt" -> "LLZO-run", "25C.csv" -> "". */
void eis_sample_stem (const char *path, char *out, size_t len);

/* Whether PATH_A and PATH_B name files of one sample: the same folder and the same stem (the
 * case aside; an empty stem only matches an empty one). */
int eis_sample_same (const char *path_a, const char *path_b);

/* One spectrum fitted with the automatically chosen circuit, or N_SPECTRA spectra of one file
 * given one circuit (so that a caller of a million spectra keeps one entry per file and
 * circuit, not one per spectrum; the entries in order of their first spectrum). */
typedef struct {
  const char *path;      /* its file */
  const char *cell;      /* its cell type as a project says it ("li-symmetric"; "" or NULL) */
  const char *geometry;  /* its geometry as typed, in any one form ("0.6mm 10mm"; "" or NULL) */
  const char *circuit;   /* the circuit chosen for it */
  size_t n_spectra;      /* how many spectra this entry stands for (0: one) */
} EisAutoChoice;

/* The notice that the automatic choice gave the spectra of one sample different circuits (a
 * parameter of one name, R1, may then be a different arc from one spectrum to the next), or
 * NULL when it gave every group one circuit (or out of memory). A group is the spectra whose
 * files share folder, stem (eis_sample_stem), cell type and geometry: spectra of other samples
 * (a pellet and a Li|Li cell) are not compared, and their circuits differing is not said. The
 * text names each such group with its number of spectra and its circuits with counts, TIMES
 * before each count ("x" for a terminal, "×" for the window): "the automatic choice gave the 3
 * spectra of cellA 2 different circuits (R0-p(R1,CPE1)-CPE2 x2, p(R1,C1)-p(R2,CPE2)-CPE3 x1): a
 * parameter of one name, such as R1, may be a different arc from one spectrum to the next".
 * Lower case, no full stop: each face adds its advice. Free with free(). */
char *eis_mixed_circuits_text (const EisAutoChoice *v, size_t n, const char *times);

#endif
