/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One spectrum in the sidebar with its latest fit (see eisfit-spectrum-item.h). */
#include "eisfit-spectrum-item.h"

#include <math.h>

#include "plausible.h"
#include "series.h"
#include "units.h"

struct _EisfitSpectrumItem {
  GObject parent_instance;
  EisSpectrum *spectrum;
  EisCircuit *circuit;
  EisFitResult *fit;
  char *why;
  char *t_source; /* where temperature_k came from; NULL when unknown */
  char *title;
  char *subtitle;
  char *geometry[3];     /* thickness, diameter, area as typed ("" = none) */
  char *geometry_note;   /* where the geometry came from */
  char *leads;           /* the file's lead resistance as typed ("5ohm+-0.1ohm"; "" = none) */
  char *cell;            /* the file's cell type: "blocking", "li-symmetric", "liquid", "" */
  EisfitExclusions *exclusions;
  GArray *outliers; /* size_t, 0-based */
  char *asked;           /* the circuit the latest fit was asked for, "" = automatic */
  size_t n_set;          /* its parameter settings */
  char **set_names;
  double *set_start, *set_lower, *set_upper;
  int *set_fixed;
  char *label;      /* the legend label the user gave, NULL: from the file name */
  char *refusal;    /* why the points used cannot be analysed (plausible.h), NULL: they can */
  EisConductivity *series_roles; /* the Series page's analysis of the fit taken, or NULL */
  const EisDataFile *file;       /* read from; borrowed from the document */
};

enum { PROP_0, PROP_TITLE, PROP_SUBTITLE, N_PROPS };
static GParamSpec *props[N_PROPS];
enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EisfitSpectrumItem, eisfit_spectrum_item, G_TYPE_OBJECT)

/* Checks the points the fits use (those not left out) as eisfit does before it fits
 * (eis_spectrum_check_analysable): Z' < 0 at every point or noise is refused. */
static void
update_refusal (EisfitSpectrumItem *self)
{
  EisFitOptions opt;
  EisSpectrum *used;
  EisError err = { 0 };

  g_clear_pointer (&self->refusal, g_free);
  eis_fit_options_init (&opt);
  eisfit_exclusions_apply (self->exclusions, &opt);
  if (eis_fit_points_check (&opt, self->spectrum, &err) != EIS_OK)
    {
      self->refusal = g_strdup (err.message);
      return;
    }
  used = eis_fit_used_points (self->spectrum, &opt);
  if (!used)
    return;
  if (eis_spectrum_check_analysable (used, &err) != EIS_OK)
    self->refusal = g_strdup (err.message);
  eis_spectrum_free (used);
}

static void
update_subtitle (EisfitSpectrumItem *self)
{
  GString *s = g_string_new (NULL);
  const EisSpectrum *sp = self->spectrum;

  if (self->label)
    g_string_append_printf (s, "“%s” · ", self->label);
  g_string_append_printf (s, "#%d", sp->index + 1);
  if (sp->cycle >= 0)
    g_string_append_printf (s, " · cycle %d", sp->cycle);
  if (isfinite (sp->temperature_k))
    g_string_append_printf (s, " · %.1f °C", sp->temperature_k - 273.15);
  g_string_append_printf (s, " · %s · %zu pts", sp->format ? sp->format : "?", sp->n);
  if (self->refusal)
    g_string_append (s, " · refused: not a cell's spectrum");
  else if (self->fit)
    g_string_append_printf (s, " · fitted%s", self->fit->status == EIS_FIT_CONVERGED ? "" : " (!)");
  if (self->exclusions && eisfit_exclusions_count (self->exclusions, sp) > 0)
    g_string_append_printf (s, " · %zu left out", eisfit_exclusions_count (self->exclusions, sp));
  if (self->cell && *self->cell)
    g_string_append_printf (s, " · %s", eisfit_cell_type_short (self->cell));
  g_free (self->subtitle);
  self->subtitle = g_string_free (s, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SUBTITLE]);
}

static void
eisfit_spectrum_item_finalize (GObject *object)
{
  EisfitSpectrumItem *self = EISFIT_SPECTRUM_ITEM (object);

  g_clear_pointer (&self->spectrum, eis_spectrum_free);
  g_clear_pointer (&self->circuit, eis_circuit_free);
  g_clear_pointer (&self->fit, eis_fit_result_free);
  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->t_source, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->series_roles, g_free);
  for (int i = 0; i < 3; i++)
    g_clear_pointer (&self->geometry[i], g_free);
  g_clear_pointer (&self->geometry_note, g_free);
  g_clear_pointer (&self->leads, g_free);
  g_clear_pointer (&self->cell, g_free);
  g_clear_pointer (&self->exclusions, eisfit_exclusions_free);
  g_clear_pointer (&self->outliers, g_array_unref);
  g_clear_pointer (&self->asked, g_free);
  g_clear_pointer (&self->set_names, g_strfreev);
  g_clear_pointer (&self->set_start, g_free);
  g_clear_pointer (&self->set_lower, g_free);
  g_clear_pointer (&self->set_upper, g_free);
  g_clear_pointer (&self->set_fixed, g_free);
  G_OBJECT_CLASS (eisfit_spectrum_item_parent_class)->finalize (object);
}

static void
eisfit_spectrum_item_get_property (GObject *object, guint prop_id, GValue *value,
                                   GParamSpec *pspec)
{
  EisfitSpectrumItem *self = EISFIT_SPECTRUM_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eisfit_spectrum_item_class_init (EisfitSpectrumItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eisfit_spectrum_item_finalize;
  object_class->get_property = eisfit_spectrum_item_get_property;
  props[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* The subtitle written again, and "changed" said (not for a fit: the document says that). */
static void
changed (EisfitSpectrumItem *self)
{
  update_subtitle (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
eisfit_spectrum_item_init (EisfitSpectrumItem *self)
{
  self->exclusions = eisfit_exclusions_new ();
  self->outliers = g_array_new (FALSE, FALSE, sizeof (size_t));
}

EisfitSpectrumItem *
eisfit_spectrum_item_new (EisSpectrum *spectrum)
{
  EisfitSpectrumItem *self = g_object_new (EISFIT_TYPE_SPECTRUM_ITEM, NULL);

  self->spectrum = spectrum;
  self->title = g_path_get_basename (spectrum->source ? spectrum->source : "(unnamed)");
  if (isfinite (spectrum->temperature_k))
    self->t_source = g_strdup ("from the file");
  update_refusal (self);
  update_subtitle (self);
  return self;
}

const EisSpectrum *
eisfit_spectrum_item_get_spectrum (EisfitSpectrumItem *self)
{
  return self->spectrum;
}

const EisCircuit *
eisfit_spectrum_item_get_circuit (EisfitSpectrumItem *self)
{
  return self->circuit;
}

const EisFitResult *
eisfit_spectrum_item_get_fit (EisfitSpectrumItem *self)
{
  return self->fit;
}

const char *
eisfit_spectrum_item_get_why (EisfitSpectrumItem *self)
{
  return self->why ? self->why : "";
}

void
eisfit_spectrum_item_take_fit (EisfitSpectrumItem *self, EisCircuit *circuit, EisFitResult *fit,
                               const char *why)
{
  g_clear_pointer (&self->circuit, eis_circuit_free);
  g_clear_pointer (&self->fit, eis_fit_result_free);
  self->circuit = circuit;
  self->fit = fit;
  g_clear_pointer (&self->series_roles, g_free);
  g_free (self->why);
  self->why = g_strdup (why ? why : "");
  update_subtitle (self);
}

gboolean
eisfit_spectrum_item_conductivity (EisfitSpectrumItem *self, const EisGeometry *geom,
                                   EisConductivity *out, EisError *err)
{
  if (self->refusal)
    {
      eis_error_set (err, EIS_ERR_DATA, "%s", self->refusal);
      return FALSE;
    }
  if (!self->circuit || !self->fit)
    {
      eis_error_set (err, EIS_ERR_INVALID, "not fitted");
      return FALSE;
    }
  /* the file's cell type decides what the low-frequency arcs mean (R_interface, ASR); the
   * roles the Series page's fit gave the arcs, if any, are held to */
  int cell = eis_cell_parse (eisfit_spectrum_item_get_cell (self));
  return eis_series_conductivity (self->circuit, self->fit, geom,
                                  cell < 0 ? EIS_CELL_UNSPECIFIED : (EisCellType) cell,
                                  self->series_roles, out, err) == EIS_OK;
}

const char *
eisfit_spectrum_item_get_refusal (EisfitSpectrumItem *self)
{
  return self->refusal;
}

void
eisfit_spectrum_item_set_series_roles (EisfitSpectrumItem *self, const EisConductivity *roles)
{
  g_clear_pointer (&self->series_roles, g_free);
  if (roles)
    self->series_roles = g_memdup2 (roles, sizeof *roles);
}

const EisConductivity *
eisfit_spectrum_item_get_series_roles (EisfitSpectrumItem *self)
{
  return self->series_roles;
}

void
eisfit_spectrum_item_set_file (EisfitSpectrumItem *self, const EisDataFile *file)
{
  self->file = file;
}

const EisDataFile *
eisfit_spectrum_item_get_file (EisfitSpectrumItem *self)
{
  return self->file;
}

const char *
eisfit_spectrum_item_get_title (EisfitSpectrumItem *self)
{
  return self->title;
}

char *
eisfit_spectrum_item_dup_name (EisfitSpectrumItem *self)
{
  return g_strdup_printf ("%s #%d", self->title, self->spectrum->index + 1);
}

const char *
eisfit_spectrum_item_get_subtitle (EisfitSpectrumItem *self)
{
  return self->subtitle;
}

void
eisfit_spectrum_item_set_temperature (EisfitSpectrumItem *self, double T_K, const char *source)
{
  self->spectrum->temperature_k = T_K;
  g_free (self->t_source);
  self->t_source = isfinite (T_K) ? g_strdup (source ? source : "") : NULL;
  changed (self);
}

const char *
eisfit_spectrum_item_get_temperature_source (EisfitSpectrumItem *self)
{
  return self->t_source ? self->t_source : "";
}

void
eisfit_spectrum_item_set_geometry (EisfitSpectrumItem *self, const char *thickness,
                                   const char *diameter, const char *area, const char *note)
{
  const char *v[3] = { thickness, diameter, area };

  for (int i = 0; i < 3; i++)
    {
      g_free (self->geometry[i]);
      self->geometry[i] = g_strdup (v[i] ? v[i] : "");
    }
  g_free (self->geometry_note);
  self->geometry_note = g_strdup (note ? note : "");
  g_signal_emit (self, signals[CHANGED], 0);
}

void
eisfit_spectrum_item_get_geometry (EisfitSpectrumItem *self, const char **thickness,
                                   const char **diameter, const char **area, const char **note)
{
  *thickness = self->geometry[0] ? self->geometry[0] : "";
  *diameter = self->geometry[1] ? self->geometry[1] : "";
  *area = self->geometry[2] ? self->geometry[2] : "";
  if (note)
    *note = self->geometry_note ? self->geometry_note : "";
}

gboolean
eisfit_geometry_parse (const char *t, const char *d, const char *a, EisGeometry *g,
                       gboolean *have, char **message, int *bad)
{
  double se = NAN;

  g->thickness_cm = g->thickness_se_cm = g->area_cm2 = g->area_se_cm2 = NAN;
  g->leads_ohm = g->leads_se_ohm = 0;   /* no lead resistance given in eisfit-gtk */
  *have = FALSE;
  *message = NULL;
  *bad = -1;
  /* the engine's check and message, as eisfit's: "thickness \"1e-9mm\" is thinner than 1 nm:
   * no sample is (a unit slip?)" */
  EisError err = { 0 };

  if (*t && eis_parse_geometry_value ("thickness", t, &g->thickness_cm, &se, &err) != 0)
    {
      *bad = 0;
      *message = g_strdup (err.message);
      return FALSE;
    }
  g->thickness_se_cm = isfinite (se) ? se : 0;
  se = NAN;
  if (*a)
    {
      if (eis_parse_geometry_value ("area", a, &g->area_cm2, &se, &err) != 0)
        {
          *bad = 2;
          *message = g_strdup (err.message);
          return FALSE;
        }
      g->area_se_cm2 = isfinite (se) ? se : 0;
    }
  else if (*d)
    {
      double dcm;

      if (eis_parse_geometry_value ("diameter", d, &dcm, &se, &err) != 0)
        {
          *bad = 1;
          *message = g_strdup (err.message);
          return FALSE;
        }
      g->area_cm2 = G_PI * dcm * dcm / 4; /* disc electrode */
      g->area_se_cm2 = isfinite (se) ? G_PI * dcm * se / 2 : 0;
    }
  *have = isfinite (g->thickness_cm) && isfinite (g->area_cm2);
  return TRUE;
}

void
eisfit_spectrum_item_set_leads (EisfitSpectrumItem *self, const char *leads)
{
  g_free (self->leads);
  self->leads = g_strstrip (g_strdup (leads ? leads : ""));
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
eisfit_spectrum_item_get_leads (EisfitSpectrumItem *self)
{
  return self->leads ? self->leads : "";
}

gboolean
eisfit_spectrum_item_apply_leads (EisfitSpectrumItem *self, EisGeometry *g)
{
  double ohm, se;

  g->leads_ohm = g->leads_se_ohm = 0;
  if (!self->leads || !*self->leads)
    return TRUE;
  /* as eisfit --leads and a project's leads=: above 0 Ohm, an error of 0 or more */
  if (eis_parse_resistance_ohm (self->leads, &ohm, &se) != 0 || !(ohm > 0))
    return FALSE;
  g->leads_ohm = ohm;
  g->leads_se_ohm = isfinite (se) && se > 0 ? se : 0;
  return TRUE;
}

gboolean
eisfit_spectrum_item_get_cell_geometry (EisfitSpectrumItem *self, EisGeometry *g)
{
  g_autofree char *msg = NULL;
  const char *t, *d, *a;
  gboolean have;
  int bad;

  eisfit_spectrum_item_get_geometry (self, &t, &d, &a, NULL);
  return eisfit_geometry_parse (t, d, a, g, &have, &msg, &bad) && have
         && eisfit_spectrum_item_apply_leads (self, g);
}

EisSpectrum *
eisfit_spectrum_item_dup_used_points (EisfitSpectrumItem *self)
{
  EisFitOptions opt;

  eis_fit_options_init (&opt);
  eisfit_exclusions_apply (self->exclusions, &opt);
  return eis_fit_used_points (self->spectrum, &opt);
}

EisfitExclusions *
eisfit_spectrum_item_get_exclusions (EisfitSpectrumItem *self)
{
  return self->exclusions;
}

void
eisfit_spectrum_item_exclusions_changed (EisfitSpectrumItem *self)
{
  update_refusal (self);
  changed (self);
}

const size_t *
eisfit_spectrum_item_get_outliers (EisfitSpectrumItem *self, size_t *n)
{
  *n = self->outliers->len;
  return (const size_t *) (void *) self->outliers->data;
}

void
eisfit_spectrum_item_set_outliers (EisfitSpectrumItem *self, const size_t *idx, size_t n)
{
  g_array_set_size (self->outliers, 0);
  if (n)
    g_array_append_vals (self->outliers, idx, (guint) n);
}

gboolean
eisfit_spectrum_item_is_outlier (EisfitSpectrumItem *self, size_t i)
{
  guint k;

  for (k = 0; k < self->outliers->len; k++)
    if (g_array_index (self->outliers, size_t, k) == i)
      return TRUE;
  return FALSE;
}

void
eisfit_spectrum_item_set_fit_settings (EisfitSpectrumItem *self, const char *circuit, size_t n,
                                       const char *const *names, const double *start,
                                       const int *fixed, const double *lower,
                                       const double *upper)
{
  g_free (self->asked);
  self->asked = g_strdup (circuit ? circuit : "");
  g_clear_pointer (&self->set_names, g_strfreev);
  g_clear_pointer (&self->set_start, g_free);
  g_clear_pointer (&self->set_lower, g_free);
  g_clear_pointer (&self->set_upper, g_free);
  g_clear_pointer (&self->set_fixed, g_free);
  self->n_set = n;
  self->set_names = g_new0 (char *, n + 1);
  self->set_start = g_new (double, n + 1);
  self->set_lower = g_new (double, n + 1);
  self->set_upper = g_new (double, n + 1);
  self->set_fixed = g_new0 (int, n + 1);
  for (size_t i = 0; i < n; i++)
    {
      self->set_names[i] = g_strdup (names[i]);
      self->set_start[i] = start ? start[i] : NAN;
      self->set_lower[i] = lower ? lower[i] : NAN;
      self->set_upper[i] = upper ? upper[i] : NAN;
      self->set_fixed[i] = fixed ? fixed[i] : 0;
    }
}

const char *
eisfit_spectrum_item_get_fit_settings (EisfitSpectrumItem *self, size_t *n,
                                       const char *const **names, const double **start,
                                       const int **fixed, const double **lower,
                                       const double **upper)
{
  *n = self->set_names ? self->n_set : 0;
  *names = (const char *const *) self->set_names;
  *start = self->set_start;
  *fixed = self->set_fixed;
  *lower = self->set_lower;
  *upper = self->set_upper;
  return self->asked ? self->asked : "";
}

void
eisfit_spectrum_item_set_label (EisfitSpectrumItem *self, const char *label)
{
  g_autofree char *text = label ? g_strstrip (g_strdup (label)) : NULL;

  g_free (self->label);
  self->label = text && text[0] ? g_steal_pointer (&text) : NULL;
  changed (self);
}

const char *
eisfit_spectrum_item_get_label (EisfitSpectrumItem *self)
{
  return self->label;
}

const char *
eisfit_cell_type_short (const char *cell)
{
  if (g_strcmp0 (cell, "blocking") == 0)
    return "blocking";
  if (g_strcmp0 (cell, "li-symmetric") == 0)
    return "Li|Li";
  if (g_strcmp0 (cell, "liquid") == 0)
    return "liquid";
  return "";
}

const char *
eisfit_cell_type_label (const char *cell)
{
  if (g_strcmp0 (cell, "blocking") == 0)
    return "Pellet between blocking electrodes";
  if (g_strcmp0 (cell, "li-symmetric") == 0)
    return "Li|electrolyte|Li (symmetric lithium cell)";
  if (g_strcmp0 (cell, "liquid") == 0)
    return "Liquid or gel electrolyte between blocking electrodes";
  return "Not said";
}

void
eisfit_spectrum_item_set_cell (EisfitSpectrumItem *self, const char *cell)
{
  g_free (self->cell);
  self->cell = g_strdup (cell ? cell : "");
  changed (self);
}

const char *
eisfit_spectrum_item_get_cell (EisfitSpectrumItem *self)
{
  return self->cell ? self->cell : "";
}
