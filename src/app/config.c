/* config.c — the defaults of the rules in config.h; main.c overrides them
 * from the environment and the command line. */
#include "app/config.h"

struct app_config app_config = {
    .cpd_required = 20,
    .cert_remind_days = 30,
    .incident_sla = 1800,
    .allowance_hours = 10,
    .base_url = "http://127.0.0.1:8080",
    .archive_days = 90,
};
