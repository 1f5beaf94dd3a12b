"""The deployment files: the Kubernetes manifests validate against the bundled schemas of a current
Kubernetes (offline), keep what a public Cluster Atlas needs, and compose.yaml limits memory."""

from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.33.0"


def documents() -> list[dict]:
    found = []
    for path in sorted(MANIFESTS.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            found += [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]
    return found


def by_kind(kind: str) -> list[dict]:
    return [doc for doc in documents() if doc["kind"] == kind]


@pytest.mark.parametrize("document", documents(), ids=lambda d: f"{d['kind']}-{d['metadata']['name']}")
def test_every_manifest_validates_offline(document):
    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_the_kustomization_lists_every_manifest():
    listed = yaml.safe_load((MANIFESTS / "kustomization.yaml").read_text(encoding="utf-8"))["resources"]
    assert sorted(listed) == sorted(p.name for p in MANIFESTS.glob("*.yaml") if p.name != "kustomization.yaml")


def test_the_pods_are_probed_limited_and_locked_down():
    [deployment] = by_kind("Deployment")
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    assert container["resources"]["limits"]["memory"] and container["resources"]["requests"]["cpu"]
    assert pod["securityContext"]["runAsNonRoot"] and container["securityContext"]["readOnlyRootFilesystem"]
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    writable = {mount["mountPath"] for mount in container["volumeMounts"]}
    assert writable == {"/app/static/generated", "/tmp"}


def test_the_ingress_keeps_visitors_by_cookie_and_closes_the_internals():
    ingresses = {doc["metadata"]["name"]: doc for doc in by_kind("Ingress")}
    notes = ingresses["cluster-atlas"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/proxy-read-timeout"] == "3600"
    assert notes["nginx.ingress.kubernetes.io/proxy-body-size"] == "6m"
    internal = ingresses["cluster-atlas-internal"]
    assert internal["spec"]["rules"][0]["http"]["paths"][0]["path"] == "/_stcore/metrics"
    headers = by_kind("ConfigMap")[0]["data"]
    assert (
        "frame-ancestors 'self'" in headers["Content-Security-Policy"]
        and headers["X-Content-Type-Options"] == "nosniff"
    )
    assert by_kind("PodDisruptionBudget") and by_kind("HorizontalPodAutoscaler")


def test_compose_limits_each_replica_and_serves_through_the_proxy():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert compose["services"]["app"]["deploy"]["resources"]["limits"]["memory"]
    assert compose["services"]["proxy"]["deploy"]["resources"]["limits"]["memory"]
    assert "ports" not in compose["services"]["app"]  # only the proxy is reachable from outside
