//! Browser tests of the DOM glue (wasm-bindgen-test in headless Chromium): mount a page, let its
//! animation frames run, and check the DOM through the same attributes readers and e2e tests use.
#![cfg(target_arch = "wasm32")]

use linalg_live::chapters::CHAPTERS;
use linalg_live::web::{mount, Mounted};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh root element in the test page.
fn root() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Waits `ms` milliseconds (animation frames run meanwhile).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn readout(root: &Element, name: &str) -> serde_json::Value {
    let el = root.query_selector(&format!("[data-readout=\"{name}\"]")).unwrap().unwrap_or_else(|| panic!("no readout {name}"));
    serde_json::from_str(&el.get_attribute("data-value").unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn readouts_follow_the_url_state() {
    let root = root();
    let _page = mount(&root, "#/multiplication?A=1,2;3,4&v=1,1").unwrap();
    sleep(100).await;
    assert_eq!(readout(&root, "Av"), serde_json::json!([3.0, 7.0]));
    assert_eq!(readout(&root, "AB"), serde_json::json!([[9.0, 7.0], [23.0, 17.0]]));
    assert!(root.query_selector(".url-alert").unwrap().unwrap().has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn arrow_keys_on_a_handle_move_it() {
    let root = root();
    let _page = mount(&root, "#/multiplication?v=1,0").unwrap();
    sleep(100).await;
    let handle = root.query_selector("[data-handle=\"v\"]").unwrap().expect("a v handle");
    // Av's value, a vector in words: a new value changes its text node's characters, not the node.
    let entry = root.query_selector("[data-readout=\"Av\"]").unwrap().expect("Av's value");
    let text = entry.first_child().expect("the value's text");
    let init = KeyboardEventInit::new();
    init.set_key("ArrowUp");
    init.set_bubbles(true);
    handle.dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    sleep(100).await;
    assert_eq!(readout(&root, "v"), serde_json::json!([1.0, 1.0]));
    assert_eq!(readout(&root, "Av"), serde_json::json!([5.0, 11.0]));
    assert!(handle.get_attribute("aria-label").unwrap().starts_with("v = (1, 1)"));
    assert_eq!(entry.text_content().as_deref(), Some("(5, 11)"));
    assert!(entry.first_child().is_some_and(|now| now.is_same_node(Some(&text))), "the text node was replaced");
}

#[wasm_bindgen_test]
async fn an_invalid_cell_alerts_and_keeps_the_last_value() {
    let root = root();
    let _page = mount(&root, "#/multiplication").unwrap();
    sleep(100).await;
    let cell: HtmlInputElement =
        root.query_selector("[data-input=\"A\"] input[data-row=\"0\"][data-col=\"0\"]").unwrap().unwrap().dyn_into().unwrap();
    cell.set_value("two");
    cell.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    sleep(100).await;
    let alert = root.query_selector("[data-input=\"A\"] [role=alert]").unwrap().unwrap();
    assert!(!alert.has_attribute("hidden"));
    assert!(alert.text_content().unwrap().contains("“two” is not a number"));
    assert_eq!(cell.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(readout(&root, "Av"), serde_json::json!([16.0, 40.0]));
    cell.set_value("1");
    cell.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    sleep(100).await;
    assert!(alert.has_attribute("hidden"));
    assert_eq!(readout(&root, "Av"), serde_json::json!([11.0, 40.0]));
}

#[wasm_bindgen_test]
async fn hostile_url_text_is_shown_as_text() {
    let root = root();
    let _page = mount(&root, "#/multiplication?A=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").unwrap();
    sleep(100).await;
    let alert = root.query_selector(".url-alert").unwrap().unwrap();
    assert!(!alert.has_attribute("hidden"));
    assert!(alert.text_content().unwrap().contains("Parameter A"));
    assert!(root.query_selector("img").unwrap().is_none(), "user text became markup");
    assert_eq!(readout(&root, "Av"), serde_json::json!([16.0, 40.0]));
}

#[wasm_bindgen_test]
fn the_landing_page_lists_twelve_chapters_and_links_only_built_ones() {
    let root = root();
    assert!(matches!(mount(&root, "#/").unwrap(), Mounted::Landing));
    assert_eq!(root.query_selector_all(".syllabus li").unwrap().length(), 12);
    let links = root.query_selector_all(".syllabus a").unwrap();
    // Each card links to its chapter's static page.
    let built: Vec<String> = CHAPTERS.iter().map(|c| format!("{}/", c.slug)).collect();
    let hrefs: Vec<String> =
        (0..links.length()).map(|i| links.get(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("href").unwrap()).collect();
    assert_eq!(hrefs, built);
    assert_eq!(root.query_selector_all(".syllabus .pending").unwrap().length() as usize, 12 - built.len());
    assert!(matches!(mount(&root, "#/no-such-chapter").unwrap(), Mounted::NotFound));
    assert!(root.text_content().unwrap().contains("There is no chapter at this address"));
}

/// Presses `key` on `target` (bubbling, as a reader's key press does).
fn press(target: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    target.dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn a_nudged_column_updates_the_matrix_readout_in_place() {
    let root = root();
    let _page = mount(&root, "#/determinant?A=2,0;0,2").unwrap();
    sleep(100).await;
    assert_eq!(readout(&root, "det"), serde_json::json!(4.0));
    let grid = root.query_selector("[data-readout=\"A\"] .matrix").unwrap().expect("A shown as a grid");
    assert_eq!(grid.text_content().unwrap(), "2002");
    let handle = root.query_selector("[data-handle=\"A:0\"]").unwrap().expect("an A:0 handle");
    press(&handle, "ArrowRight");
    sleep(100).await;
    assert_eq!(readout(&root, "A"), serde_json::json!([[3.0, 0.0], [0.0, 2.0]]));
    assert_eq!(readout(&root, "det"), serde_json::json!(6.0));
    let now = root.query_selector("[data-readout=\"A\"] .matrix").unwrap().unwrap();
    assert!(now == grid, "the grid was rebuilt instead of rewritten");
    assert_eq!(now.text_content().unwrap(), "3002");
    assert!(handle.get_attribute("aria-label").unwrap().starts_with("column 1 of A = (3, 0)"));
    let cell: HtmlInputElement =
        root.query_selector("[data-input=\"A\"] input[data-row=\"0\"][data-col=\"0\"]").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(cell.value(), "3", "the editor follows the handle");
}

#[wasm_bindgen_test]
async fn a_new_shape_rebuilds_the_readout_grid_and_an_invalid_cell_keeps_the_value() {
    let root = root();
    let _page = mount(&root, "#/determinant?A=2,0;0,2").unwrap();
    sleep(100).await;
    let add_row: web_sys::HtmlElement =
        root.query_selector("[data-input=\"A\"] button[aria-label=\"A: add a row\"]").unwrap().expect("+ row").dyn_into().unwrap();
    add_row.click();
    sleep(100).await;
    // Square-only: both sizes grow; the 3×3 matrix is drawn in space, with its orbit control.
    assert_eq!(readout(&root, "A"), serde_json::json!([[2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 0.0]]));
    assert_eq!(root.query_selector_all("[data-readout=\"A\"] .matrix span").unwrap().length(), 9);
    assert!(root.query_selector("[data-handle=\"orbit\"]").unwrap().is_some());
    let cell: HtmlInputElement =
        root.query_selector("[data-input=\"A\"] input[data-row=\"2\"][data-col=\"2\"]").unwrap().unwrap().dyn_into().unwrap();
    cell.set_value("1/0");
    cell.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    sleep(100).await;
    assert_eq!(cell.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(!root.query_selector("[data-input=\"A\"] .cell-error").unwrap().unwrap().has_attribute("hidden"));
    assert_eq!(readout(&root, "det"), serde_json::json!(0.0));
    cell.set_value("2");
    cell.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    sleep(100).await;
    assert_eq!(readout(&root, "det"), serde_json::json!(8.0));
    assert_eq!(cell.get_attribute("aria-invalid").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn download_notebook_in_the_code_panel_saves_the_states_notebook_as_a_blob() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;

    // The test server has no built site: the page's fetch of multiplication/code.txt gets the book the
    // build would write there (the shared snippets, then the chapter's).
    let window = web_sys::window().unwrap();
    let fetch = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
    let original: js_sys::Function = fetch.clone().dyn_into().unwrap();
    let book = concat!(include_str!("../src/chapter/code.txt"), include_str!("../src/chapters/multiplication/code.txt"));
    let (this, pass_on) = (window.clone(), original.clone());
    let serve = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |input: JsValue| {
        if input.as_string().is_some_and(|url| url.ends_with("multiplication/code.txt")) {
            let response: JsValue = web_sys::Response::new_with_opt_str(Some(book)).unwrap().into();
            js_sys::Promise::resolve(&response).into()
        } else {
            pass_on.call1(&this, &input).unwrap()
        }
    });
    js_sys::Reflect::set(&window, &"fetch".into(), serve.as_ref()).unwrap();
    let root = root();
    let _page = mount(&root, "#/multiplication?v=1,0").unwrap();
    sleep(100).await;
    js_sys::Reflect::set(&window, &"fetch".into(), &original).unwrap();
    // Catch the blob on its way to an object URL (the anchor then points nowhere: nothing is saved).
    let url_class = js_sys::Reflect::get(&js_sys::global(), &"URL".into()).unwrap();
    let original = js_sys::Reflect::get(&url_class, &"createObjectURL".into()).unwrap();
    let caught: Rc<RefCell<Option<web_sys::Blob>>> = Rc::default();
    let keep = caught.clone();
    let stub = Closure::<dyn FnMut(web_sys::Blob) -> JsValue>::new(move |blob| {
        *keep.borrow_mut() = Some(blob);
        JsValue::from_str("blob:caught")
    });
    js_sys::Reflect::set(&url_class, &"createObjectURL".into(), stub.as_ref()).unwrap();
    let button: web_sys::HtmlElement =
        root.query_selector(".code-panel button.notebook").unwrap().expect("the code panel's Download notebook").dyn_into().unwrap();
    button.click();
    js_sys::Reflect::set(&url_class, &"createObjectURL".into(), &original).unwrap();

    let blob = caught.borrow_mut().take().expect("a blob was saved");
    assert_eq!(blob.type_(), "application/x-ipynb+json");
    let text = JsFuture::from(blob.text()).await.unwrap().as_string().unwrap();
    let notebook: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(notebook["nbformat"], 4);
    let kinds: Vec<&str> = notebook["cells"].as_array().unwrap().iter().map(|c| c["cell_type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["markdown", "code", "code"]);
    let numpy: String = notebook["cells"][1]["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    let panel = root.query_selector(".code-panel pre code").unwrap().unwrap().text_content().unwrap();
    assert_eq!(numpy.trim_end(), panel.trim_end());
    assert!(panel.contains("Av = A @ v\nprint(\"Av =\", Av.tolist())"), "{panel}");
    assert_eq!(root.query_selector(".copy-status").unwrap().unwrap().text_content().unwrap(), "");
}

/// A xorshift64 generator from `seed`: the same pseudo-random numbers on every run.
fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// In the browser, decimals beyond the fast path are converted by the JavaScript engine: it must give
/// the same double as Rust's correctly rounded conversion, also for 17- to 40-digit texts, subnormals
/// and overflow.
#[wasm_bindgen_test]
fn the_engine_converts_long_decimals_like_rust() {
    use linalg_live::state::number::decimal_value;
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    let mut texts: Vec<String> = [
        "1e400",
        "-1e400",
        "4.9e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "9007199254740993",
        "1.7976931348623157e308",
        "0.1000000000000000055511151231257827",
    ]
    .map(String::from)
    .to_vec();
    for _ in 0..3000 {
        let x = f64::from_bits(next() >> 1);
        if x.is_finite() {
            texts.push(format!("{x:.16e}"));
            texts.push(format!("{x:.30e}"));
            texts.push(format!("-{}{}e{}", next() % 1_000_000_000_000_000_000, next() % 1_000_000_000, (next() % 700) as i64 - 350));
        }
    }
    for text in &texts {
        let theirs: f64 = text.parse().unwrap();
        assert_eq!(decimal_value(text).to_bits(), theirs.to_bits(), "{text}");
    }
}

/// In the browser the shortest digits come from the JavaScript engine: every printed form must still
/// be core::fmt's, digit for digit, for doubles of every magnitude.
#[wasm_bindgen_test]
fn the_engine_prints_doubles_like_core_fmt() {
    use linalg_live::decimal::{debug, display, lower_exp};
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let mut doubles = vec![
        0.0,
        -0.0,
        0.1,
        0.2 + 0.1,
        1e21,
        1e-7,
        123456789012345680000.0,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        2.5,
        1e16,
        f64::from_bits(1e16f64.to_bits() - 1),
    ];
    for _ in 0..5000 {
        doubles.push(f64::from_bits(next()));
        doubles.push((next() % 2_000_001) as f64 / 1000.0 - 1000.0);
    }
    for x in doubles.into_iter().filter(|x| x.is_finite()) {
        assert_eq!(debug(x), format!("{x:?}"));
        assert_eq!(display(x), format!("{x}"));
        assert_eq!(lower_exp(x), format!("{x:e}"));
    }
}
