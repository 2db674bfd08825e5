//go:build !js

package audit

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/stretchr/testify/require"
)

func TestThirdPartyRequestKeepsNoIdentifierAndNamesTheScript(t *testing.T) {
	ev := &network.EventRequestWillBeSent{
		Request: &network.Request{URL: "https://u:p@stats.example.com/collect?uid=123&page=%2F#frag"},
		Type:    network.ResourceTypeFetch,
		Initiator: &network.Initiator{Type: network.InitiatorTypeScript, Stack: &runtime.StackTrace{
			CallFrames: []*runtime.CallFrame{{URL: ""}},
			Parent:     &runtime.StackTrace{CallFrames: []*runtime.CallFrame{{URL: "https://data.example.org/js/heatmap.js"}}},
		}},
	}
	r, ok := thirdPartyRequest(ev)
	require.True(t, ok)
	require.Equal(t, Request{URL: "https://stats.example.com/collect", Host: "stats.example.com", Type: "Fetch",
		Initiator: "https://data.example.org/js/heatmap.js"}, r)

	ev.Initiator = &network.Initiator{Type: network.InitiatorTypeParser, URL: "https://data.example.org/"}
	r, _ = thirdPartyRequest(ev)
	require.Equal(t, "https://data.example.org/", r.Initiator, "a tag in the page: the document")

	for _, u := range []string{"data:image/gif;base64,R0lGOD", "blob:https://data.example.org/1", "chrome-extension://x/y"} {
		_, ok := thirdPartyRequest(&network.EventRequestWillBeSent{Request: &network.Request{URL: u}})
		require.False(t, ok, u)
	}
}

func TestCookieOfKeepsNoValueAndTellsThirdParties(t *testing.T) {
	c := cookieOf(&network.Cookie{Name: "_ga", Value: "GA1.2.3", Domain: ".example.org", Path: "/", Expires: 1796126400, Secure: true, SameSite: network.CookieSameSiteLax}, "data.example.org")
	require.False(t, c.ThirdParty, "a parent domain of the page is first-party")
	require.Equal(t, int64(1796126400), c.Expires.Unix())
	require.Equal(t, "Lax", c.SameSite)

	c = cookieOf(&network.Cookie{Name: "IDE", Domain: ".doubleclick.net", Session: true}, "data.example.org")
	require.True(t, c.ThirdParty)
	require.Nil(t, c.Expires, "a session cookie")

	c = cookieOf(&network.Cookie{Name: "x", Domain: "example.org"}, "badexample.org")
	require.True(t, c.ThirdParty, "a suffix is not a parent domain")
}
