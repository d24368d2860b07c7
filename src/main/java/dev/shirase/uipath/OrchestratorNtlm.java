package dev.shirase.uipath;

import java.util.List;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.DefaultAuthenticationStrategy;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.auth.NTCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.NTLMSchemeFactory;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.config.RegistryBuilder;

/**
 * Windows authentication to an on-premises Orchestrator (the seed's {@code ntlm_authentication}): the polls' Jobs
 * request answers an NTLM challenge with the domain, user and password; HttpClient names this machine as the
 * workstation (its host name: HttpClient 5 takes no other). Set on
 * that endpoint as its {@code httpClientConfigurer}: camel-http scopes its own credentials to the endpoint's host
 * (a placeholder here; the request goes to uipath.orchestrator.url), so these are offered to the Orchestrator.
 */
public class OrchestratorNtlm implements HttpClientConfigurer {

    private final String domain;
    private final String user;
    private final String password;

    public OrchestratorNtlm(String domain, String user, String password) {
        this.domain = domain;
        this.user = user;
        this.password = password;
    }

    @Override
    @SuppressWarnings("deprecation") // NTLM is deprecated in HttpClient 5, and still what Windows authentication is
    public void configureHttpClient(HttpClientBuilder client) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope(null, -1),
                new NTCredentials(password.toCharArray(), user, domain, domain));
        client.setDefaultCredentialsProvider(credentials);
        // HttpClient 5.5 answers Basic, Digest and Bearer challenges by default; NTLM is asked for by name
        client.setDefaultAuthSchemeRegistry(RegistryBuilder.<AuthSchemeFactory>create()
                .register(StandardAuthScheme.NTLM, NTLMSchemeFactory.INSTANCE).build());
        client.setTargetAuthenticationStrategy(new DefaultAuthenticationStrategy() {
            @Override
            protected List<String> getSchemePriority() {
                return List.of(StandardAuthScheme.NTLM);
            }
        });
    }
}
