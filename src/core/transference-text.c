/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The texts of a Bruce-Vincent result that eisfit transference and eisfit-gtk's Transference
 * page both show (see transference.h): the t+ headline (one value, both readings of an arc of
 * open role, or "none" with the reason) and every form of t+. */
#include "transference.h"

#include <math.h>
#include <string.h>

/* The symbols of each style: plain ASCII for a terminal and files, Unicode for the window. */
typedef struct {
  const char *t, *pm, *r0, *ohm, *i0, *iss, *dv, *rss, *minus, *decider;
} Symbols;

/* R_int,0 and R_int,ss: the interface's resistances before and after the hold, named apart from
 * a circuit's R0 (the electrolyte's series resistance in L0-R0-...) */
static const Symbols ascii = { "t+", "+-", "R_int,0", "Ohm", "I0", "Iss", "dV", "R_int,ss", "-",
                               "--interface-arcs" };
static const Symbols unicode = { "t\xe2\x82\x8a", "\xc2\xb1", "R_int,0", "\xce\xa9",
                                 "I\xe2\x82\x80", "I_ss", "\xce\x94V", "R_int,ss", "\xe2\x88\x92",
                                 "the Interface arcs field" };

static const Symbols *
symbols (EisBVTextStyle style)
{
  return style == EIS_BV_TEXT_UNICODE ? &unicode : &ascii;
}

void
eis_bv_headline_text (EisTextBuf *b, const EisBVResult *r, const char *alt_what,
                      int alt_to_interface, EisBVTextStyle style)
{
  const Symbols *s = symbols (style);
  const char *method = style == EIS_BV_TEXT_UNICODE ? eis_bv_method_label (r->method)
                                                    : eis_bv_method_name (r->method);
  char v1[64], v2[64];
  double low, high;

  if (eis_bv_result_range (r, &low, &high))
    /* two readings of an arc's role: the result is both, not the first with an error that
     * leaves the other out */
    eis_text_buf_printf (b, "%s = %.4f to %.4f  (%s; two readings: the role of %s is not "
                         "decided by its capacitance)\n"
                         "       %s with it as %s (%s = %.4g %s), %s with it as %s (%s = %.4g "
                         "%s); %s decides",
                         s->t, low, high, method, alt_what && *alt_what ? alt_what : "an arc",
                         eis_bv_format (v1, sizeof v1, r->t_plus, r->t_plus_se, 4, s->pm),
                         alt_to_interface ? "electrolyte" : "interface", s->r0, r->R0_ohm,
                         s->ohm,
                         eis_bv_format (v2, sizeof v2, r->alt_t_plus, r->alt_t_plus_se, 4, s->pm),
                         alt_to_interface ? "interface" : "electrolyte", s->r0, r->alt_R0_ohm,
                         s->ohm, s->decider);
  else if (!isfinite (r->t_plus) && r->no_t_plus[0])
    eis_text_buf_printf (b, "%s%s  (%s): %s", s->t,
                         style == EIS_BV_TEXT_UNICODE ? ": none" : " none", method,
                         r->no_t_plus + (strncmp (r->no_t_plus, "no t+: ", 7) == 0 ? 7 : 0));
  else
    eis_text_buf_printf (b, "%s = %s  (%s)", s->t,
                         eis_bv_format (v1, sizeof v1, r->t_plus, r->t_plus_se, 4, s->pm),
                         method);
}

void
eis_bv_forms_text (EisTextBuf *b, const EisBVResult *r, const char *alt_what,
                   int alt_to_interface, EisBVTextStyle style)
{
  const Symbols *s = symbols (style);
  char v[64];

  eis_text_buf_printf (b, "  all forms:\n");
  eis_text_buf_printf (b, "    bv        %s (%s %s %s %s)/(%s (%s %s %s %s)) = %s  (%s %s)\n",
                       s->iss, s->dv, s->minus, s->i0, s->r0, s->i0, s->dv, s->minus, s->iss,
                       s->rss, eis_bv_format (v, sizeof v, r->t_bv, r->t_bv_se, 4, s->pm), s->i0,
                       eis_bv_i0_method_name (r->i0_method));
  if (r->i0_method == EIS_BV_I0_CALCULATED && isfinite (r->t_bv_meas))
    eis_text_buf_printf (b, "              with the measured %s = %s\n", s->i0,
                         eis_bv_format (v, sizeof v, r->t_bv_meas, r->t_bv_meas_se, 4, s->pm));
  else if (isfinite (r->t_plus_calc))
    eis_text_buf_printf (b, "              with %s = %s/(R_b + %s): %s R_b/(%s %s %s %s) = %s\n",
                         s->i0, s->dv, s->r0, s->iss, s->dv, s->minus, s->iss, s->rss,
                         eis_bv_format (v, sizeof v, r->t_plus_calc, r->t_plus_calc_se, 4, s->pm));
  if (isfinite (r->t_watanabe))
    eis_text_buf_printf (b, "    watanabe  %s R_b,ss/(%s %s %s %s) = %s  (R_b,ss %.4g %s)\n",
                         s->iss, s->dv, s->minus, s->iss, s->rss,
                         eis_bv_format (v, sizeof v, r->t_watanabe, r->t_watanabe_se, 4, s->pm),
                         r->Rb_ss_ohm, s->ohm);
  eis_text_buf_printf (b, "    ratio     %s/%s, uncorrected = %s\n", s->iss, s->i0,
                       eis_bv_format (v, sizeof v, r->ratio, r->ratio_se, 4, s->pm));
  if (r->has_alt)
    {
      eis_text_buf_printf (b, "  other reading (%s %s): %s = %.4g %s, %s = %.4g %s\n",
                           alt_what && *alt_what ? alt_what : "an arc",
                           alt_to_interface ? "counted as interface" : "counted as electrolyte",
                           s->r0, r->alt_R0_ohm, s->ohm, s->rss, r->alt_Rss_ohm, s->ohm);
      eis_text_buf_printf (b, "    %s = %s  (%s)", s->t,
                           eis_bv_format (v, sizeof v, r->alt_t_plus, r->alt_t_plus_se, 4, s->pm),
                           eis_bv_method_name (r->method));
      if (r->method != EIS_BV_METHOD_BV && isfinite (r->alt_t_bv))
        eis_text_buf_printf (b, ", bv %s", eis_bv_format (v, sizeof v, r->alt_t_bv,
                                                          r->alt_t_bv_se, 4, s->pm));
      if (r->method != EIS_BV_METHOD_WATANABE && isfinite (r->alt_t_watanabe))
        eis_text_buf_printf (b, ", watanabe %s", eis_bv_format (v, sizeof v, r->alt_t_watanabe,
                                                                r->alt_t_watanabe_se, 4, s->pm));
      eis_text_buf_printf (b, "\n");
    }
}
