/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to the circuit code: how the parser hands a labelled tree to circuit.c. */
#ifndef EIS_CIRCUIT_PRIVATE_H
#define EIS_CIRCUIT_PRIVATE_H

#include "circuit.h"

/* A new node of TYPE with no children (calloc'd), or NULL. */
EisNode *eis_node_new (EisNodeType type);
/* Appends CHILD (ownership moves on success) to NODE; EIS_OK or EIS_ERR_NOMEM. */
int eis_node_append (EisNode *node, EisNode *child);
/* Frees NODE and its subtree; NULL is a no-op. */
void eis_node_free (EisNode *node);

/* Builds the circuit (parameter table, text, evaluation scratch) from ROOT, whose element
 * nodes carry kind and label. Takes ownership of ROOT, also on failure. */
int eis_circuit_new_from_tree (EisNode *root, EisCircuit **out, EisError *err);

#endif
