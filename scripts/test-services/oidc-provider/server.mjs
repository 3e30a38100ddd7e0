// A real OpenID Connect provider for the sign-in tests: panva's oidc-provider (the certified Node.js implementation)
// on 127.0.0.1 with its development login page (any password), dynamic client registration (each test registers
// Berth with its own redirect URI), PKCE required, and users whose "groups" claim the tests map to teams.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const users = {
  olivia: { name: 'Olivia Builder', groups: ['builders'] },
  oscar: { name: 'Oscar Reader', groups: ['readers'] },
  opal: { name: 'Opal Admin', groups: ['registry-admins', 'builders'] },
};

const provider = new Provider(issuer, {
  clients: [],
  features: {
    registration: { enabled: true },
    devInteractions: { enabled: true },
  },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  conformIdTokenClaims: false,
  cookies: { keys: ['berth-test-oidc-provider'] },
  async findAccount(_ctx, id) {
    const user = users[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, name: user.name, email: `${id}@berth.test`, email_verified: true, groups: user.groups };
      },
    };
  },
});

provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
