//! The share dialog of a full chapter page (not in embeds: their link back leads to it). It reads the
//! page when it is used, so it always shares the current state.

use super::{Host, Shared};
use crate::share::Snippets;
use crate::view::render::render;
use crate::view::svg::SvgPainter;
use crate::web::dom::{window, Res};
use crate::web::share_dialog::{ShareDialog, ShareSource};
use std::rc::Rc;

/// Adds the Share button and its dialog, on the site's own full pages.
pub(super) fn wire(shared: &Rc<Shared>) -> Res<()> {
    let view = shared.view.borrow();
    if view.host != Host::Site || view.page.embed() {
        return Ok(());
    }
    let container = view.dom.tools.parent_element().ok_or("no figure panel")?;
    let (w1, w2, w3) = (Rc::downgrade(shared), Rc::downgrade(shared), Rc::downgrade(shared));
    let source = ShareSource {
        snippets: Box::new(move || {
            let shared = w1.upgrade()?;
            let view = shared.view.try_borrow().ok()?;
            let href = window().ok()?.location().href().ok()?;
            let (page, info) = (&view.page, view.page.info());
            Some(Snippets::new(&href, info.number, info.title, info.slug, &page.state_params(), page.look()))
        }),
        svg: Box::new(move || {
            let shared = w2.upgrade()?;
            let view = shared.view.try_borrow().ok()?;
            let vp = *view.page.viewport();
            let mut painter = SvgPainter::new(vp.width, vp.height, view.painter.palette.svg_theme());
            let frame = view.page.frame();
            render(&frame.scene, &frame.marks, &vp, &mut painter);
            Some(painter.finish())
        }),
        notebook: Box::new(move || super::save_notebook(&*w3.upgrade().ok_or("the page is gone")?)),
        canvas: view.dom.canvas.clone(),
        file_stem: format!("linalg-live-{}", view.page.info().slug),
    };
    let dialog = ShareDialog::build(&view.dom.tools, &container, source)?;
    drop(view);
    *shared.share.borrow_mut() = Some(dialog);
    Ok(())
}
