"""LBF's audit pages, in three modules: :mod:`.overview` (LBF's cross-plan pages),
:mod:`.plans` (one plan's findings, audit trail and exports; export downloads) and
:mod:`.agreements` (the agreement and delaftale versions).

Thin: authorise, bind a form, call a service or selector, render. Cross-plan pages answer
404 to everyone but LBF staff and superusers; per-plan pages fetch the plan through
``plan_for_request`` (a foreign plan is 404) and forbidden actions answer 403."""
