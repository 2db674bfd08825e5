package config

// Category is a group of cookies that the visitor accepts or refuses as a
// whole; integrators gate their scripts on its id with data-category.
type Category struct {
	// ID names the category in the consent cookie, in data-category
	// attributes and in the JS API: a lowercase letter then up to 31
	// lowercase letters, digits, "_" or "-". Unique in the configuration.
	ID string `json:"id"`
	// Required marks a category that is always on and cannot be refused,
	// such as the cookies necessary for the portal to work.
	Required bool `json:"required,omitempty"`
	// SaleOrAdvertising marks a category whose cookies sell or share the
	// visitor's data or serve advertising. A browser that sends the Global
	// Privacy Control signal has asked not to: "accept all" then leaves
	// this category refused, and the panel says why. The visitor can still
	// turn it on by hand.
	SaleOrAdvertising bool `json:"saleOrAdvertising,omitempty"`
	// Label is the category's name in the preferences panel, per language.
	Label Localized `json:"label"`
	// Description tells the visitor what the category's cookies do, per
	// language; the CNIL requires the purposes to be explained.
	Description Localized `json:"description"`
	// Cookies are listed in the category's table, and are deleted when the
	// visitor withdraws consent to it.
	Cookies []Cookie `json:"cookies,omitempty"`
}

// Cookie is one row of a category's table, with the columns of the portal's
// charter: name, provider, service and location, purposes, lifetime.
type Cookie struct {
	// Name is the cookie's name, or a prefix followed by "*" (such as
	// "_ga*") for a family of cookies. It is what gets deleted on
	// withdrawal, so it has no spaces, ";", "=", "," or quotes.
	Name string `json:"name"`
	// Provider is who sets the cookie, e.g. "Opendatasoft" or "Matomo".
	Provider string `json:"provider"`
	// Service is the charter's "Service et emplacement": the service that
	// uses the cookie and where, per language.
	Service Localized `json:"service"`
	// Purpose is the charter's "Finalités": what the cookie is for, per
	// language.
	Purpose Localized `json:"purpose"`
	// Lifetime is how long the cookie is kept ("Session", "1 an"), per
	// language. Optional, but its absence is warned about: visitors are
	// entitled to know it.
	Lifetime Localized `json:"lifetime"`
}
