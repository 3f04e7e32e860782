/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The document of a window of eisfit-gtk (see eisfit-document.h): files, spectra, fits and the
 * project's path and changes. It draws nothing; the window and its pages listen to it. */
#include <config.h>

#include "eisfit-document.h"
#include "output-file.h"
#include "sha256.h"

#include <math.h>
#include <string.h>

struct _EisfitDocument {
  GObject parent_instance;

  GListStore *store;   /* EisfitSpectrumItem */
  GPtrArray *files;    /* EisDataFile *, owned (their DC series are used) */
  GPtrArray *series;   /* EisSeries *, borrowed from files */
  GArray *sums;        /* FileSum, one per file: its content when it was opened */
  char *path;          /* the project file, NULL: never saved or opened */
  gboolean dirty;      /* changed since it was saved or opened */
  EisfitSpectrumItem *model_item; /* the spectrum the table's model is for (a reference) */
  EisCircuit *model;   /* the table's circuit, NULL: none */
  double *model_values;/* its values as in the table (NAN: blank) */
  gboolean model_edited;
  gboolean keep_order; /* a spectrum whose temperature changes moves to its place */
  gboolean placing;    /* eisfit_document_place_spectrum is moving one */
};

G_DEFINE_FINAL_TYPE (EisfitDocument, eisfit_document, G_TYPE_OBJECT)

typedef struct {
  char sha256[65];          /* "" when it could not be read */
  unsigned long long size;
} FileSum;

enum { PROP_0, PROP_PATH, PROP_DIRTY, N_PROPS };
enum { SPECTRUM_ADDED, SPECTRUM_REMOVED, FIT_CHANGED, SPECTRUM_CHANGED, MODEL_CHANGED,
       SERIES_ADDED, SPECTRA_REORDERED, N_SIGNALS };

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void
eisfit_document_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  EisfitDocument *self = EISFIT_DOCUMENT (object);

  switch (id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
eisfit_document_set_property (GObject *object, guint id, const GValue *value,
                              GParamSpec *pspec)
{
  EisfitDocument *self = EISFIT_DOCUMENT (object);

  switch (id)
    {
    case PROP_PATH:
      eisfit_document_set_path (self, g_value_get_string (value));
      break;
    case PROP_DIRTY:
      eisfit_document_set_dirty (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
eisfit_document_dispose (GObject *object)
{
  EisfitDocument *self = EISFIT_DOCUMENT (object);

  if (self->store)
    {
      guint i, n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      for (i = 0; i < n; i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

          g_signal_handlers_disconnect_by_data (item, self);
        }
    }
  g_clear_object (&self->store);
  g_clear_object (&self->model_item);
  g_clear_pointer (&self->model, eis_circuit_free);
  g_clear_pointer (&self->model_values, g_free);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->sums, g_array_unref);
  G_OBJECT_CLASS (eisfit_document_parent_class)->dispose (object);
}

static void
eisfit_document_finalize (GObject *object)
{
  EisfitDocument *self = EISFIT_DOCUMENT (object);

  g_free (self->path);
  G_OBJECT_CLASS (eisfit_document_parent_class)->finalize (object);
}

static void
eisfit_document_class_init (EisfitDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = eisfit_document_get_property;
  object_class->set_property = eisfit_document_set_property;
  object_class->dispose = eisfit_document_dispose;
  object_class->finalize = eisfit_document_finalize;
  props[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                            | G_PARAM_STATIC_STRINGS);
  props[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                              | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SPECTRUM_ADDED] = g_signal_new ("spectrum-added", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          2, EISFIT_TYPE_SPECTRUM_ITEM, G_TYPE_UINT);
  signals[SPECTRUM_REMOVED] = g_signal_new ("spectrum-removed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, EISFIT_TYPE_SPECTRUM_ITEM,
                                            G_TYPE_UINT);
  signals[FIT_CHANGED] = g_signal_new ("fit-changed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       EISFIT_TYPE_SPECTRUM_ITEM);
  signals[SPECTRUM_CHANGED] = g_signal_new ("spectrum-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, EISFIT_TYPE_SPECTRUM_ITEM);
  signals[MODEL_CHANGED] = g_signal_new ("model-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SERIES_ADDED] = g_signal_new ("series-added", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SPECTRA_REORDERED] = g_signal_new ("spectra-reordered", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

/* An item of the list changed (its "changed"): said as spectrum-changed, and a temperature
 * changed moves it to its place in the list. */
static void
item_changed_cb (EisfitSpectrumItem *item, EisfitDocument *self)
{
  g_signal_emit (self, signals[SPECTRUM_CHANGED], 0, item);
  if (eisfit_document_place_spectrum (self, item))
    g_signal_emit (self, signals[SPECTRA_REORDERED], 0);
}

/* The earliest time stamp of S [s], NAN when it has none. */
static double
first_time (const EisSpectrum *s)
{
  double t = NAN;

  for (size_t i = 0; s->time_s && i < s->n; i++)
    if (isfinite (s->time_s[i]) && !(s->time_s[i] >= t))
      t = s->time_s[i];
  return t;
}

int
eisfit_document_list_order (EisfitSpectrumItem *a, EisfitSpectrumItem *b)
{
  const EisSpectrum *sa = eisfit_spectrum_item_get_spectrum (a);
  const EisSpectrum *sb = eisfit_spectrum_item_get_spectrum (b);
  double ka[2] = { sa->temperature_k, NAN }, kb[2] = { sb->temperature_k, NAN };

  if (!isfinite (ka[0]) && !isfinite (kb[0]))
    return 0;
  ka[1] = first_time (sa);
  kb[1] = first_time (sb);
  for (int i = 0; i < 2; i++)
    {
      if (isfinite (ka[i]) != isfinite (kb[i]))
        return isfinite (ka[i]) ? -1 : 1;
      if (isfinite (ka[i]) && ka[i] != kb[i])
        return ka[i] < kb[i] ? -1 : 1;
    }
  return 0;
}

void
eisfit_document_set_keep_order (EisfitDocument *self, gboolean keep)
{
  self->keep_order = keep;
}

gboolean
eisfit_document_place_spectrum (EisfitDocument *self, EisfitSpectrumItem *item)
{
  GListModel *m = G_LIST_MODEL (self->store);
  guint pos, n = g_list_model_get_n_items (m), target, k, i;

  if (!self->keep_order || self->placing || !g_list_store_find (self->store, item, &pos))
    return FALSE;
  {
    g_autoptr (EisfitSpectrumItem) prev = pos > 0 ? g_list_model_get_item (m, pos - 1) : NULL;
    g_autoptr (EisfitSpectrumItem) next = pos + 1 < n ? g_list_model_get_item (m, pos + 1) : NULL;

    if ((!prev || eisfit_document_list_order (prev, item) <= 0)
        && (!next || eisfit_document_list_order (item, next) <= 0))
      return FALSE;
  }
  /* its place among the others (K counts them): before the first that goes after it */
  target = n - 1;
  for (i = 0, k = 0; i < n; i++)
    {
      if (i == pos)
        continue;
      g_autoptr (EisfitSpectrumItem) other = g_list_model_get_item (m, i);

      if (eisfit_document_list_order (item, other) < 0)
        {
          target = k;
          break;
        }
      k++;
    }
  if (target == pos)
    return FALSE;
  /* one splice of the range between the two places, so the selection keeps its spectra */
  guint start = MIN (target, pos), len = MAX (target, pos) - start + 1;
  g_autofree gpointer *items = g_new (gpointer, len);

  for (i = 0; i < len; i++)
    {
      guint from = target < pos ? (i == 0 ? pos : start + i - 1)
                                : (i == len - 1 ? pos : start + i + 1);

      items[i] = g_list_model_get_item (m, from);
    }
  self->placing = TRUE;
  g_list_store_splice (self->store, start, len, items, len);
  self->placing = FALSE;
  for (i = 0; i < len; i++)
    g_object_unref (items[i]);
  return TRUE;
}

static void
eisfit_document_init (EisfitDocument *self)
{
  self->store = g_list_store_new (EISFIT_TYPE_SPECTRUM_ITEM);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) eis_data_file_free);
  self->series = g_ptr_array_new ();
  self->sums = g_array_new (FALSE, TRUE, sizeof (FileSum));
  self->keep_order = TRUE;
}

EisfitDocument *
eisfit_document_new (void)
{
  return g_object_new (EISFIT_TYPE_DOCUMENT, NULL);
}

GListStore *
eisfit_document_get_store (EisfitDocument *self)
{
  return self->store;
}

guint
eisfit_document_get_n_spectra (EisfitDocument *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

GPtrArray *
eisfit_document_get_files (EisfitDocument *self)
{
  return self->files;
}

GPtrArray *
eisfit_document_get_series (EisfitDocument *self)
{
  return self->series;
}

void
eisfit_document_take_file (EisfitDocument *self, EisDataFile *df)
{
  FileSum sum = { "", 0 };
  EisError err = { 0 };

  /* no export, figure or project is ever written over a data file that was read */
  eis_output_file_protect (df->path);
  /* the content the fits are of: a project records it even when the file has changed or
   * gone by the time it is saved */
  if (eis_sha256_file (df->path, sum.sha256, &sum.size, &err) != EIS_OK)
    sum.sha256[0] = '\0';
  g_ptr_array_add (self->files, df);
  g_array_append_val (self->sums, sum);
}

void
eisfit_document_add_series (EisfitDocument *self, EisSeries *series)
{
  g_ptr_array_add (self->series, series);
  g_signal_emit (self, signals[SERIES_ADDED], 0);
}

void
eisfit_document_insert_spectrum (EisfitDocument *self, guint position, EisfitSpectrumItem *item)
{
  guint n = eisfit_document_get_n_spectra (self);

  if (position > n)
    position = n;
  g_list_store_insert (self->store, position, item);
  g_signal_connect (item, "changed", G_CALLBACK (item_changed_cb), self);
  g_signal_emit (self, signals[SPECTRUM_ADDED], 0, item, position);
}

void
eisfit_document_add_spectrum (EisfitDocument *self, EisfitSpectrumItem *item)
{
  eisfit_document_insert_spectrum (self, G_MAXUINT, item);
}

gboolean
eisfit_document_remove_spectrum (EisfitDocument *self, EisfitSpectrumItem *item,
                                 guint *position)
{
  g_autoptr (EisfitSpectrumItem) keep = NULL;
  guint pos;

  if (!g_list_store_find (self->store, item, &pos))
    return FALSE;
  keep = g_object_ref (item); /* for the handlers, once the list has let it go */
  g_list_store_remove (self->store, pos);
  g_signal_handlers_disconnect_by_func (item, item_changed_cb, self);
  if (self->model_item == item)
    g_clear_object (&self->model_item);
  g_signal_emit (self, signals[SPECTRUM_REMOVED], 0, item, pos);
  if (position)
    *position = pos;
  return TRUE;
}

void
eisfit_document_set_fit (EisfitDocument *self, EisfitSpectrumItem *item, EisCircuit *circuit,
                         EisFitResult *fit, const char *why)
{
  eisfit_spectrum_item_take_fit (item, circuit, fit, why);
  g_signal_emit (self, signals[FIT_CHANGED], 0, item);
}

const char *
eisfit_document_get_path (EisfitDocument *self)
{
  return self->path;
}

void
eisfit_document_set_path (EisfitDocument *self, const char *path)
{
  if (g_strcmp0 (path, self->path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PATH]);
}

gboolean
eisfit_document_get_dirty (EisfitDocument *self)
{
  return self->dirty;
}

void
eisfit_document_set_dirty (EisfitDocument *self, gboolean dirty)
{
  if (!self->dirty == !dirty)
    return;
  self->dirty = dirty != FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DIRTY]);
}

void
eisfit_document_set_model (EisfitDocument *self, EisfitSpectrumItem *item, const EisCircuit *c,
                           const double *values, gboolean edited)
{
  size_t i, n = c ? eis_circuit_n_params (c) : 0;

  g_set_object (&self->model_item, item);
  g_clear_pointer (&self->model, eis_circuit_free);
  g_clear_pointer (&self->model_values, g_free);
  self->model = c ? eis_circuit_dup (c) : NULL;
  self->model_values = g_new (double, n + 1);
  for (i = 0; i < n; i++)
    self->model_values[i] = values ? values[i] : NAN;
  self->model_edited = edited;
  g_signal_emit (self, signals[MODEL_CHANGED], 0);
}

const EisCircuit *
eisfit_document_get_model (EisfitDocument *self, EisfitSpectrumItem *item, const double **values,
                           gboolean *edited)
{
  gboolean mine = item && item == self->model_item && self->model;

  if (values)
    *values = mine ? self->model_values : NULL;
  if (edited)
    *edited = mine && self->model_edited;
  return mine ? self->model : NULL;
}

char *
eisfit_document_dup_legend_label (EisfitDocument *self, EisfitSpectrumItem *item)
{
  const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);

  if (eisfit_spectrum_item_get_label (item))
    return g_strdup (eisfit_spectrum_item_get_label (item)); /* the user's: "−20 °C" */
  g_autofree char *base = g_strdup (eisfit_spectrum_item_get_title (item));
  char *dot = strrchr (base, '.');
  guint i, n = eisfit_document_get_n_spectra (self), same = 0;

  if (dot && dot != base && strlen (dot) <= 5)
    *dot = '\0';
  for (i = 0; i < n && same < 2; i++)
    {
      g_autoptr (EisfitSpectrumItem) other = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      same += g_strcmp0 (eisfit_spectrum_item_get_spectrum (other)->source, s->source) == 0;
    }
  return same > 1 ? g_strdup_printf ("%s #%d", base, s->index + 1) : g_steal_pointer (&base);
}

gboolean
eisfit_document_get_file_sum (EisfitDocument *self, guint i, char sha256[65],
                              unsigned long long *size)
{
  const FileSum *sum;

  if (i >= self->sums->len)
    return FALSE;
  sum = &g_array_index (self->sums, FileSum, i);
  if (sum->sha256[0] == '\0')
    return FALSE;
  memcpy (sha256, sum->sha256, 65);
  *size = sum->size;
  return TRUE;
}
