// The built-in profiles a profile's `subcharts` may name, by name: what checkProfile resolves those names with,
// wherever a profile object enters (valuesSchema, validateValues, resolveImages).
import type { Profile } from '../images/profile.js';
import { glooProfile } from './gloo.js';
import {
  alertmanagerProfile,
  glooFedProfile,
  grafanaProfile,
  kubeStateMetricsProfile,
  nodeExporterProfile,
  portalProfile,
  prometheusProfile,
  pushgatewayProfile,
} from './gloo-ee.js';

const SUBCHART_PROFILES: Readonly<Record<string, Profile>> = {
  gloo: glooProfile,
  'gloo-fed': glooFedProfile,
  'gateway-portal-web-server': portalProfile,
  prometheus: prometheusProfile,
  'kube-state-metrics': kubeStateMetricsProfile,
  alertmanager: alertmanagerProfile,
  'prometheus-node-exporter': nodeExporterProfile,
  'prometheus-pushgateway': pushgatewayProfile,
  grafana: grafanaProfile,
};

/** The built-in profile a subchart entry names, or undefined. */
export function subchartProfile(name: string): Profile | undefined {
  return Object.prototype.hasOwnProperty.call(SUBCHART_PROFILES, name) ? SUBCHART_PROFILES[name] : undefined;
}
