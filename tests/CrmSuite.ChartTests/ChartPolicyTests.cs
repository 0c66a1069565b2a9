namespace CrmSuite.ChartTests;

/// <summary>
/// Rules every rendered scenario keeps: hardened pods, pinned images, secrets out of ConfigMaps,
/// disruption budgets, network policies, one name per service (Dapr app-id = Service name).
/// </summary>
public sealed class ChartPolicyTests
{
    /// <summary>Deployments and migration Jobs: every workload of the chart.</summary>
    private static IEnumerable<(Manifest Workload, Dictionary<object, object> Pod)> Pods(IReadOnlyList<Manifest> manifests) =>
        manifests.Where(m => m.Kind is "Deployment" or "Job").Select(m => (m, m.Map("spec", "template", "spec")));

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task Every_container_has_resources_and_runs_hardened(string scenario)
    {
        foreach (var (workload, pod) in Pods(await Chart.RenderAsync(scenario)))
        {
            Assert.True(Node.Text(pod, "securityContext", "runAsNonRoot") == "true", $"{workload}: pod runAsNonRoot");
            Assert.True(Node.Text(pod, "securityContext", "seccompProfile", "type") == "RuntimeDefault", $"{workload}: seccomp");
            Assert.True(Node.Text(pod, "automountServiceAccountToken") == "false", $"{workload}: no service account token");
            var volumes = Node.List(pod, "volumes");
            foreach (var container in Node.List(pod, "containers"))
            {
                var name = $"{workload} container {Node.Text(container, "name")}";
                Assert.True(Node.Map(container, "resources", "requests").ContainsKey("memory"), $"{name}: memory request");
                Assert.True(Node.Map(container, "resources", "limits").ContainsKey("memory"), $"{name}: memory limit");
                Assert.True(Node.Text(container, "securityContext", "runAsNonRoot") == "true", $"{name}: runAsNonRoot");
                Assert.True(Node.Text(container, "securityContext", "readOnlyRootFilesystem") == "true", $"{name}: read-only root");
                Assert.True(Node.Text(container, "securityContext", "allowPrivilegeEscalation") == "false", $"{name}: no privilege escalation");
                Assert.Equal(["ALL"], Node.List(container, "securityContext", "capabilities", "drop"));
                // A read-only root needs a writable /tmp (an emptyDir) for .NET and Chromium.
                var tmp = Node.List(container, "volumeMounts").Single(m => Node.Text(m, "mountPath") == "/tmp");
                Assert.Contains(volumes, v => Node.Text(v, "name") == Node.Text(tmp, "name") && Node.Get(v, "emptyDir") is not null);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task Every_service_container_has_health_readiness_and_alive_liveness_probes(string scenario)
    {
        foreach (var deployment in (await Chart.RenderAsync(scenario)).Where(m => m.Kind == "Deployment"))
        {
            var container = deployment.List("spec", "template", "spec", "containers").Single();
            Assert.Equal("/health", Node.Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/alive", Node.Text(container, "livenessProbe", "httpGet", "path"));
        }
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task Every_image_has_a_pinned_tag(string scenario)
    {
        foreach (var (workload, pod) in Pods(await Chart.RenderAsync(scenario)))
        {
            foreach (var container in Node.List(pod, "containers"))
            {
                var image = Node.Text(container, "image");
                var tag = image[(image.LastIndexOf(':') + 1)..];
                Assert.True(image.Contains(':', StringComparison.Ordinal) && tag != "latest" && !tag.Contains('/', StringComparison.Ordinal),
                    $"{workload}: image {image} has no pinned tag");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task No_secret_value_is_in_a_ConfigMap_or_written_into_a_pod_spec(string scenario)
    {
        var manifests = await Chart.RenderAsync(scenario);
        var secretValues = manifests.Where(m => m.Kind == "Secret")
            .SelectMany(m => m.Map("data").Values.Cast<string>().Select(Node.Decode))
            .Where(v => v.Length >= 8 && v != "audit_writer")
            .ToList();
        Assert.Contains(manifests, m => m.Kind == "ConfigMap");
        foreach (var configMap in manifests.Where(m => m.Kind == "ConfigMap"))
        {
            foreach (var (key, value) in configMap.Map("data"))
            {
                Assert.DoesNotMatch("(?i)password|secret|privatekey|signing|encryption", (string)key);
                Assert.DoesNotContain(secretValues, s => ((string)value).Contains(s, StringComparison.Ordinal));
            }
        }
        foreach (var (workload, pod) in Pods(manifests))
        {
            foreach (var variable in Node.List(pod, "containers").SelectMany(c => Node.List(c, "env")))
            {
                var value = Node.Text(variable, "value");
                Assert.DoesNotContain(secretValues, s => value.Contains(s, StringComparison.Ordinal));
                // A password in a connection string is only ever a reference to a variable from a Secret.
                Assert.DoesNotMatch("Password=(?!\\$\\()", value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task Every_deployment_that_runs_more_than_one_replica_has_a_disruption_budget(string scenario)
    {
        var manifests = await Chart.RenderAsync(scenario);
        foreach (var deployment in manifests.Where(m => m.Kind == "Deployment"))
        {
            var hpa = manifests.SingleOrDefault(m => m.Kind == "HorizontalPodAutoscaler" && Node.Text(m.Root, "spec", "scaleTargetRef", "name") == deployment.Name);
            var replicas = int.Parse(hpa is null ? (string?)deployment["spec", "replicas"] ?? "1" : (string)hpa["spec", "minReplicas"]!, System.Globalization.CultureInfo.InvariantCulture);
            var budget = manifests.SingleOrDefault(m => m.Kind == "PodDisruptionBudget" && SelectsPodsOf(m.Map("spec", "selector", "matchLabels"), deployment));
            Assert.True(replicas <= 1 || budget is not null, $"{deployment} runs {replicas} replicas without a PodDisruptionBudget");
        }
    }

    [Fact]
    public async Task Three_replicas_with_autoscaling_render_a_budget_and_an_autoscaler_and_leave_replicas_to_it()
    {
        var manifests = await Chart.RenderAsync("ha-values.yaml");

        // Every service, the gateway too (its sessions and keys are in its database).
        Assert.Equal(8, manifests.Count(m => m.Kind == "PodDisruptionBudget"));
        Assert.Equal("3", manifests.Single(m => m is { Kind: "Deployment", Name: "gateway" })["spec", "replicas"]);
        var clients = manifests.Single(m => m is { Kind: "Deployment", Name: "clients" });
        Assert.Null(clients["spec", "replicas"]);
        var hpa = manifests.Single(m => m is { Kind: "HorizontalPodAutoscaler", Name: "clients" });
        Assert.Equal("3", hpa["spec", "minReplicas"]);
        Assert.Equal("3", manifests.Single(m => m is { Kind: "Deployment", Name: "kpi" })["spec", "replicas"]);
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task Ingress_is_denied_by_default_and_every_service_admits_only_its_callers(string scenario)
    {
        var manifests = await Chart.RenderAsync(scenario);
        var policies = manifests.Where(m => m.Kind == "NetworkPolicy").ToList();
        var defaultDeny = policies.Single(p => p.Name.EndsWith("-default-deny", StringComparison.Ordinal));
        Assert.Empty(defaultDeny.List("spec", "ingress"));
        Assert.Contains("Ingress", defaultDeny.List("spec", "policyTypes"));

        // Who calls whom in the code (AppHost's WithReference, the gRPC clients and identity's back channel).
        var callers = new Dictionary<string, string[]>
        {
            ["identity"] = ["audit", "clients", "documents", "gateway", "kpi", "scheduling", "warehouse"],
            ["clients"] = ["documents", "gateway", "scheduling", "warehouse"],
            ["warehouse"] = ["documents", "gateway"],
            ["scheduling"] = ["documents", "gateway"],
            // Business processes create documents as the scheduling service's own account.
            ["documents"] = ["gateway", "scheduling"],
            ["kpi"] = ["gateway"],
            ["audit"] = ["gateway"],
            ["gateway"] = [],
        };
        foreach (var deployment in manifests.Where(m => m.Kind == "Deployment"))
        {
            Assert.True(SelectsPodsOf(defaultDeny.Map("spec", "podSelector", "matchLabels"), deployment), $"default deny misses {deployment}");
            var policy = policies.Single(p => p != defaultDeny && SelectsPodsOf(p.Map("spec", "podSelector", "matchLabels"), deployment));
            var admitted = policy.List("spec", "ingress")
                .SelectMany(rule => Node.List(rule, "from"))
                .Where(peer => Node.Get(peer, "namespaceSelector") is null)
                .Select(peer => Node.Text(peer, "podSelector", "matchLabels", "app.kubernetes.io/name"))
                .Order();
            Assert.Equal(callers[deployment.Name], admitted);
            var fromOtherNamespaces = policy.List("spec", "ingress").SelectMany(rule => Node.List(rule, "from")).Where(peer => Node.Get(peer, "namespaceSelector") is not null);
            if (deployment.Name == "gateway")
            {
                // People reach the gateway through the ingress controller, and only it.
                Assert.Equal("ingress-nginx", Node.Text(fromOtherNamespaces.Single(), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
            }
            else
            {
                // Only a named metrics scraper, on the Dapr sidecar's metrics port.
                Assert.All(policy.List("spec", "ingress").Where(rule => Node.List(rule, "from").Any(peer => Node.Get(peer, "namespaceSelector") is not null)),
                    rule => Assert.Equal("9090", Node.Text(Node.List(rule, "ports").Single(), "port")));
            }
        }
    }

    [Fact]
    public async Task With_egress_limited_each_pod_reaches_DNS_what_it_calls_and_the_sites_own_rules_only()
    {
        var manifests = await Chart.RenderAsync("production-values.yaml");
        var egressPolicies = manifests.Where(m => m.Kind == "NetworkPolicy" && m.List("spec", "policyTypes").Contains("Egress")).ToList();
        foreach (var (workload, _) in Pods(manifests))
        {
            var labels = workload.Map("spec", "template", "metadata", "labels");
            var rules = egressPolicies
                .Where(p => p.Map("spec", "podSelector", "matchLabels").All(pair => labels.TryGetValue(pair.Key, out var v) && Equals(v, pair.Value)))
                .SelectMany(p => p.List("spec", "egress"))
                .ToList();
            Assert.True(rules.Count > 0, $"{workload} has no egress rules");
            Assert.Contains(rules, r => Node.List(r, "ports").Any(port => Node.Text(port, "port") == "53"));
            Assert.Contains(rules, r => Node.List(r, "to").Any(peer => Node.Text(peer, "ipBlock", "cidr") == "10.20.0.5/32"));
            var reachable = rules.SelectMany(r => Node.List(r, "to"))
                .Select(peer => Node.Text(peer, "podSelector", "matchLabels", "app.kubernetes.io/name"))
                .Where(name => name.Length > 0)
                .Order();
            string[] expected = workload.Name switch
            {
                "documents" => ["clients", "identity", "scheduling", "warehouse"],
                "warehouse" => ["clients", "identity"],
                "scheduling" => ["clients", "documents", "identity"],
                "gateway" => ["audit", "clients", "documents", "identity", "kpi", "scheduling", "warehouse"],
                "identity" => [],
                _ when workload.Kind == "Job" => [],
                _ => ["identity"],
            };
            Assert.Equal(expected, reachable);
        }
        var minimal = await Chart.RenderAsync("minimal-values.yaml");
        Assert.DoesNotContain(minimal, m => m.Kind == "NetworkPolicy" && m.List("spec", "policyTypes").Contains("Egress"));
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task The_Dapr_app_id_of_every_service_is_its_Service_name_and_the_pubsub_is_scoped_to_those_apps(string scenario)
    {
        var manifests = await Chart.RenderAsync(scenario);
        var daprApps = new List<string>();
        foreach (var deployment in manifests.Where(m => m.Kind == "Deployment"))
        {
            var annotations = deployment.Map("spec", "template", "metadata", "annotations");
            var service = manifests.Single(m => m.Kind == "Service" && SelectsPodsOf(m.Map("spec", "selector"), deployment));
            Assert.Equal(deployment.Name, service.Name);
            if (annotations.TryGetValue("dapr.io/enabled", out var enabled) && (string)enabled == "true")
            {
                Assert.Equal(service.Name, annotations["dapr.io/app-id"]);
                Assert.Equal("8080", annotations["dapr.io/app-port"]);
                Assert.Equal("http", annotations["dapr.io/app-protocol"]);
                Assert.Contains(service.List("spec", "ports"), p => Node.Text(p, "port") == "8080");
                daprApps.Add(service.Name);
            }
        }
        // Every service but the gateway publishes (outbox) or subscribes (inbox) through its sidecar.
        Assert.Equal(["audit", "clients", "documents", "identity", "kpi", "scheduling", "warehouse"], daprApps.Order());

        var component = manifests.Single(m => m.Kind == "Component");
        Assert.Equal(daprApps.Order(), component.List("scopes").Cast<string>().Order());
        Assert.Equal("pubsub", component.Name);
        var metadata = component.List("spec", "metadata");
        Assert.Contains(metadata, item => Node.Get(item, "secretKeyRef") is not null);
        Assert.DoesNotContain(metadata, item => Node.Text(item, "name") is "connectionString" or "redisPassword" && Node.Get(item, "value") is not null);
    }

    [Fact]
    public async Task RabbitMQ_is_the_default_broker_and_Redis_Streams_the_option()
    {
        Assert.Equal("pubsub.rabbitmq", (await Chart.RenderAsync("minimal-values.yaml")).Single(m => m.Kind == "Component")["spec", "type"]);
        var redis = (await Chart.RenderAsync("redis-values.yaml")).Single(m => m.Kind == "Component");
        Assert.Equal("pubsub.redis", redis["spec", "type"]);
        Assert.Contains(redis.List("spec", "metadata"), item => Node.Text(item, "name") == "redisHost" && Node.Text(item, "value") == "redis-master:6379");
    }

    [Fact]
    public async Task The_ingress_serves_the_gateway_over_TLS_and_keeps_each_browser_on_one_gateway_pod()
    {
        var manifests = await Chart.RenderAsync("ingress-tls-values.yaml");
        var ingress = manifests.Single(m => m.Kind == "Ingress");

        Assert.Equal("letsencrypt", ingress["metadata", "annotations", "cert-manager.io/cluster-issuer"]);
        Assert.Equal(["crm.example.com"], Node.List(ingress.List("spec", "tls").Single(), "hosts"));
        Assert.Equal("cookie", ingress["metadata", "annotations", "nginx.ingress.kubernetes.io/affinity"]);
        var path = Node.List(ingress.List("spec", "rules").Single(), "http", "paths").Single();
        Assert.Equal("gateway", Node.Text(path, "backend", "service", "name"));
        var production = (await Chart.RenderAsync("production-values.yaml")).Single(m => m.Kind == "Ingress");
        Assert.Equal("crm-example-com-tls", Node.Text(production.List("spec", "tls").Single(), "secretName"));

        var traefik = await Chart.HelmAsync(Chart.TemplateArguments("-f", Chart.ScenarioPath("ingress-tls-values.yaml"), "--set", "ingress.sessionAffinity=traefik", "--set", "ingress.className=traefik"));
        Assert.True(traefik.ExitCode == 0, traefik.Error);
        var gateway = Manifest.ParseAll(traefik.Output).Single(m => m is { Kind: "Service", Name: "gateway" });
        Assert.Equal("true", gateway["metadata", "annotations", "traefik.ingress.kubernetes.io/service.sticky.cookie"]);
    }

    private static bool SelectsPodsOf(Dictionary<object, object> selector, Manifest deployment)
    {
        var labels = deployment.Map("spec", "template", "metadata", "labels");
        return selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && Equals(value, pair.Value));
    }
}
