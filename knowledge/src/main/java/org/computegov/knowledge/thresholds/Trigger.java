package org.computegov.knowledge.thresholds;

/** When an obligation falls due. Only obligations triggered by crossing get a date from the crossing date. */
public enum Trigger {
    CROSSING, DEPLOYMENT, INCIDENT, ONGOING, QUARTERLY
}
